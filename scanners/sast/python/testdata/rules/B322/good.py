"""Reads the operator's confirmation from stdin."""
import sys


def confirm(order):
    sys.stdout.write("Send order %s? [y/N] " % order.id)
    return sys.stdin.readline().strip().lower() == "y"


class Form:
    def input(self, name):
        return name


def field(form):
    return form.input("symbol")
