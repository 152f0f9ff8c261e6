"""Downloads price history with requests."""
import urllib.parse

import requests


def history(base, symbol):
    query = urllib.parse.urlencode({"symbol": symbol, "interval": "1h"})
    return requests.get(base + "?" + query, timeout=10).content
