"""Checksums computed with broken hash functions."""
import hashlib
from hashlib import sha1

from cryptography.hazmat.primitives import hashes
from Cryptodome.Hash import MD5


def order_digest(payload):
    return hashlib.md5(payload).hexdigest()


def legacy_signature(message):
    return sha1(message).digest()


def cert_fingerprint():
    return hashes.Hash(hashes.SHA1())


def pycrypto_digest(data):
    h = MD5.new()
    h.update(data)
    return h.hexdigest()
