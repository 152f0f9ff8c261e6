"""Parses exchange XML reports with defusedxml; builds XML with ElementTree."""
import defusedxml.ElementTree as SafeET
import xml.etree.ElementTree as ET


def parse_report(raw):
    return SafeET.fromstring(raw)


def build_order(symbol, qty):
    order = ET.Element("order", symbol=symbol)
    ET.SubElement(order, "qty").text = str(qty)
    return ET.tostring(order)
