"""Generates signing keys of adequate size."""
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from Cryptodome.PublicKey import RSA

KEY_BITS = 4096


def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=4096, backend=default_backend())


def configured_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


def curve_key():
    return ec.generate_private_key(ec.SECP384R1(), default_backend())


def dome_key():
    return RSA.generate(3072)
