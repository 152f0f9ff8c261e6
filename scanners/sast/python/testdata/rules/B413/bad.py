"""Crypto helpers on the unmaintained PyCrypto."""
from Crypto.Cipher import AES
from Crypto.Hash import SHA256
import Crypto.PublicKey.RSA
from Crypto.Random import get_random_bytes
