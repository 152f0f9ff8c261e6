"""A strategy file cut off in the middle of an edit."""
import os


def rebalance(cmd):
    os.system(cmd)


def broken(order:
    return order.qty +
