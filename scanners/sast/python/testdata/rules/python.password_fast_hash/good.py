"""Stores operator passwords with slow KDFs; hashes files with SHA-256."""
import hashlib
import os

import bcrypt
from argon2 import PasswordHasher


def store(user, password):
    user.password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())


def derive(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def derive_scrypt(password):
    salt = os.urandom(16)
    return salt, hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def argon(password):
    return PasswordHasher().hash(password)


def file_digest(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def order_key(order_id):
    return hashlib.sha256(order_id.encode()).hexdigest()
