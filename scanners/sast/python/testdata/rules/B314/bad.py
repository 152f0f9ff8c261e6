"""Parses exchange XML reports with ElementTree."""
import xml.etree.ElementTree as ET
from xml.etree import ElementTree
from xml.etree.ElementTree import XMLParser


def parse_report(raw):
    return ET.fromstring(raw)


def parse_file(path):
    return ElementTree.parse(path)


def parser():
    return XMLParser()


def stream(path):
    return ET.iterparse(
        path,
        events=("end",),
    )
