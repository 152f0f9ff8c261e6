"""Encrypts order blobs in GCM and CBC modes."""
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encryptor(key):
    iv = os.urandom(12)
    return iv, Cipher(algorithms.AES(key), modes.GCM(iv)).encryptor()


def cbc(key, iv):
    return Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
