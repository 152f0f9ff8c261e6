"""Generates order IDs and nonces with the secrets module."""
import secrets
import string

import numpy as np


def client_order_id():
    return "".join(secrets.choice(string.ascii_letters) for _ in range(16))


def nonce():
    return secrets.randbits(32)


def session_key():
    return secrets.token_hex(32)


def simulate(seed, n):
    rng = np.random.default_rng(seed)
    return rng.normal(size=n)
