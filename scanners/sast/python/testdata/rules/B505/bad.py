"""Generates signing keys that are too short."""
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from Crypto.PublicKey import RSA as LegacyRSA
from Cryptodome.PublicKey import DSA


def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024, backend=default_backend())


def positional_key():
    return rsa.generate_private_key(65537, 512, default_backend())


def dsa_key():
    return dsa.generate_private_key(key_size=1024, backend=default_backend())


def curve_key():
    return ec.generate_private_key(ec.SECP192R1, default_backend())


def curve_instance_key():
    return ec.generate_private_key(ec.SECT163K1(), default_backend())


def legacy_key():
    return LegacyRSA.generate(1024)


def dome_key():
    return DSA.generate(bits=1024)
