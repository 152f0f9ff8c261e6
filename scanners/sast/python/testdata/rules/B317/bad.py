"""Streams large XML trade dumps with SAX."""
import xml.sax
from xml.sax import make_parser


class TradeHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.trades = []


def load(path):
    handler = TradeHandler()
    xml.sax.parse(path, handler)
    return handler.trades


def load_text(raw):
    handler = TradeHandler()
    xml.sax.parseString(raw, handler)
    return handler.trades


def parser():
    return make_parser()
