"""Generates order IDs and nonces with the random module."""
import random
import string
from random import choice


def client_order_id():
    return "".join(choice(string.ascii_letters) for _ in range(16))


def nonce():
    return random.randint(0, 2**32)


def jitter():
    return random.uniform(0.1, 0.5)


def session_key():
    return "%x" % random.randrange(
        2**64,
    )
