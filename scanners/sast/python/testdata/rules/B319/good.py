"""Pull-parses market data snapshots with defusedxml."""
from defusedxml import pulldom


def snapshots(path):
    return pulldom.parse(path)
