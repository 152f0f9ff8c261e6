"""Asks the operator to confirm a large order."""


def confirm(order):
    answer = input("Send order %s? [y/N] " % order.id)
    return answer.lower() == "y"


def read_symbol():
    return input()
