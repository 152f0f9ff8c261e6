"""Builds DOM trees from broker statements with defusedxml."""
from defusedxml import expatbuilder


def statement(path):
    return expatbuilder.parse(path)
