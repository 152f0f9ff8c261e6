"""Writes compiled indicator code; reading uses JSON."""
import json
import marshal


def dump_code(code):
    return marshal.dumps(code)


def load_params(text):
    return json.loads(text)
