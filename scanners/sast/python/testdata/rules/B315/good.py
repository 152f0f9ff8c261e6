"""Creates a defused expat SAX reader for settlement files."""
from defusedxml import expatreader


def reader():
    return expatreader.create_parser()
