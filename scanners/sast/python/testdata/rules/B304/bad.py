"""Encrypts API keys at rest with broken ciphers."""
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from Cryptodome.Cipher import ARC4, DES, Blowfish


def seal(key, data):
    cipher = DES.new(key, DES.MODE_CBC)
    return cipher.encrypt(data)


def stream_seal(key, data):
    return ARC4.new(key).encrypt(data)


def legacy(key, iv):
    return Blowfish.new(key, Blowfish.MODE_CBC, iv)


def rc4(key):
    return Cipher(algorithms.ARC4(key), mode=None)
