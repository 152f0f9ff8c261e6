"""Picks scratch file names with os.tempnam (Python 2 era code)."""
import os


def scratch():
    return os.tempnam("var", "bot")


def scratch2():
    return os.tmpnam()
