"""Checksums computed with SHA-2 and BLAKE2."""
import hashlib

from cryptography.hazmat.primitives import hashes


def order_digest(payload):
    return hashlib.sha256(payload).hexdigest()


def file_digest(path):
    h = hashlib.blake2b()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


def cert_fingerprint():
    return hashes.Hash(hashes.SHA256())
