"""Permissions that keep secrets private."""
import os
import stat

KEYFILE = "keys/exchange.json"


def protect_keys():
    os.chmod(KEYFILE, 0o600)


def protect_config(path):
    os.chmod(path, 0o640)


def read_only(path):
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def owner_exec(path):
    os.chmod(path, 0o700)


def keep_mode(path):
    mode = os.stat(path).st_mode
    os.chmod(path, mode)
