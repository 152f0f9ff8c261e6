"""A file saved in Latin-1: the byte after caf is not UTF-8."""
import os

VENUE = "café"


def run(cmd):
    os.system(cmd)
