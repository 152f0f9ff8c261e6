"""Streams large XML trade dumps with defusedxml."""
import defusedxml.sax
from xml.sax.handler import ContentHandler


class TradeHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.trades = []


def load(path):
    handler = TradeHandler()
    defusedxml.sax.parse(path, handler)
    return handler.trades
