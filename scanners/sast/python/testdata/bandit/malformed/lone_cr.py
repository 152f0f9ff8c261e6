"""Lone carriage returns: CPython ends a line at each one (old Mac line endings)."""
import os


def restart(unit):
    # restart the unit    os.system("systemctl restart " + unit)
    return unitdef stop(unit):    return eval(unit)