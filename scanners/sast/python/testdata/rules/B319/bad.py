"""Pull-parses market data snapshots."""
import xml.dom.pulldom
from xml.dom.pulldom import parseString


def snapshots(path):
    return xml.dom.pulldom.parse(path)


def snapshot_text(raw):
    return parseString(raw)
