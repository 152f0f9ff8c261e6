"""Housekeeping through the os and shutil APIs."""
import os
import shutil


def prune(path):
    for entry in os.scandir(path):
        if entry.is_file():
            os.remove(entry.path)


def disk():
    return shutil.disk_usage("/srv")


def home():
    return os.path.expanduser("~")
