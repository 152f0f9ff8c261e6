"""Builds DOM trees from broker statements with expatbuilder."""
import xml.dom.expatbuilder
from xml.dom.expatbuilder import parseString


def statement(path):
    return xml.dom.expatbuilder.parse(path)


def statement_text(raw):
    return parseString(raw)
