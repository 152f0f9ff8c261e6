"""Encrypts API keys at rest with AES-GCM."""
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from Cryptodome.Cipher import AES


def seal(key, data):
    cipher = AES.new(key, AES.MODE_GCM)
    return cipher.encrypt_and_digest(data)


def seal_aead(key, data):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, None)


def chacha(key, nonce):
    return Cipher(algorithms.ChaCha20(key, nonce), mode=None)
