"""Parses FpML confirmations with lxml."""
import lxml.etree
from lxml import etree


def confirmation(raw):
    return etree.fromstring(raw)


def confirmation_file(path):
    return lxml.etree.parse(path)


def default_parser():
    return etree.getDefaultParser()
