"""Encrypts order blobs in ECB mode."""
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.modes import ECB


def encryptor(key):
    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()


def decryptor(key):
    return Cipher(
        algorithms.AES(key),
        ECB(),
    ).decryptor()
