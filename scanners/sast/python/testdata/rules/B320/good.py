"""Builds FpML confirmations with lxml and parses them with defusedxml."""
from defusedxml import ElementTree as SafeET
from lxml import etree


def build(trade_id):
    root = etree.Element("confirmation")
    root.set("id", trade_id)
    return etree.tostring(root)


def read(raw):
    return SafeET.fromstring(raw)
