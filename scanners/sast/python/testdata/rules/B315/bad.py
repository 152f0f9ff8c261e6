"""Creates an expat SAX reader for settlement files."""
import xml.sax.expatreader
from xml.sax import expatreader


def reader():
    return xml.sax.expatreader.create_parser()


def other_reader():
    return expatreader.create_parser()
