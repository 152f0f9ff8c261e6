"""Parses FIX-over-XML messages with defusedxml."""
import defusedxml.cElementTree as SafeET


def parse_message(raw):
    return SafeET.fromstring(raw)


def parse_file(path):
    return SafeET.parse(path).getroot()
