"""Reads venue configuration with minidom."""
import xml.dom.minidom
from xml.dom import minidom


def venues(path):
    return xml.dom.minidom.parse(path)


def venues_text(raw):
    return minidom.parseString(raw)
