"""Loads compiled indicator code."""
import marshal
from marshal import load as mload


def load_code(blob):
    return marshal.loads(blob)


def load_file(path):
    with open(path, "rb") as fh:
        return mload(fh)
