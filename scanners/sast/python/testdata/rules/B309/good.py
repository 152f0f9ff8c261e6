"""Talks to the broker through requests."""
import urllib.parse

import requests


def quote(base, symbol):
    url = urllib.parse.urljoin(base, "/quote/" + urllib.parse.quote(symbol))
    return requests.get(url, timeout=5).content
