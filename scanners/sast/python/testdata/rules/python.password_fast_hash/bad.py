"""Stores operator passwords with fast, unsalted hashes."""
import hashlib
from hashlib import sha256


def store(user, password):
    user.password_hash = hashlib.sha256(password.encode()).hexdigest()


def check(user, password):
    return user.password_hash == sha256(password.encode("utf-8")).hexdigest()


def salted(salt, passwd):
    return hashlib.sha512((salt + passwd).encode()).hexdigest()


def api_passphrase_digest(passphrase):
    h = hashlib.sha1()
    h.update(passphrase.encode())
    return h.hexdigest()


def via_new(pwd):
    return hashlib.new(
        "sha256",
        pwd.encode(),
    ).hexdigest()
