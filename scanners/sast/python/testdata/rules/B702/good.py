"""Renders reports with string.Template and escaping."""
import html
from string import Template


def report(symbol, qty):
    return Template("$symbol: $qty").substitute(symbol=html.escape(symbol), qty=qty)
