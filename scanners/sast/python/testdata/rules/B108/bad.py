"""Writes market data into shared temporary directories."""
import os

CACHE_DIR = "/var/tmp/bot-cache"


def dump_orders(orders):
    with open("/tmp/orders.csv", "w") as fh:
        for order in orders:
            fh.write(order)


def feed_path(symbol):
    return os.path.join("/dev/shm", f"{symbol}.feed")


def lock_file():
    return "/tmp/strategy.lock"
