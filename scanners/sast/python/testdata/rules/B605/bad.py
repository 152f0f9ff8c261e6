"""Housekeeping through os.system and os.popen."""
import os
from os import system


def prune(days):
    os.system(f"find /srv/bot/logs -mtime +{days} -delete")


def disk():
    return os.popen("df -h /srv").read()


def restart(unit):
    system("systemctl restart " + unit)
