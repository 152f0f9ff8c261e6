"""Crypto helpers on pyca/cryptography and PyCryptodome."""
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from Cryptodome.Cipher import AES
from Cryptodome.Random import get_random_bytes
import Crypto
