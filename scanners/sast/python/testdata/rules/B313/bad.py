"""Parses FIX-over-XML messages with cElementTree."""
import xml.etree.cElementTree as ET
from xml.etree.cElementTree import iterparse


def parse_message(raw):
    return ET.fromstring(raw)


def parse_file(path):
    return ET.parse(path).getroot()


def stream(path):
    for _event, elem in iterparse(path):
        yield elem
