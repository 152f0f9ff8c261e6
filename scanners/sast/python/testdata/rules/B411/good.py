"""Risk server client over JSON-RPC."""
import json

import requests


def call(url, method, params):
    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": 1})
    return requests.post(url, data=body, timeout=5)
