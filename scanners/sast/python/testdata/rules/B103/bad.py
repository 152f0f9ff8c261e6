"""Deployment helper that sets permissions on the bot's files."""
import os
from os import chmod as set_mode

KEYFILE = "keys/exchange.json"


def publish_logs(path):
    os.chmod(path, 0o777)


def share_keys():
    os.chmod(KEYFILE, 0o666)


def make_runnable(script):
    set_mode(script, 0o755)


def install(fd):
    os.fchmod(fd, 0o757)
