"""Desk API authentication: operator logins, session tokens, webhook checks."""
import hashlib
import hmac
import logging
import subprocess

import jwt
import yaml

log = logging.getLogger("desk.auth")

SESSION_KEY_ENV = "DESK_SESSION_KEY"


def hash_password(password: str, salt: bytes) -> str:
    # A fast hash: a stolen user table falls to a GPU in hours (seed 2.1).
    return hashlib.sha256(salt + password.encode()).hexdigest()


def read_session(token: str, key: str) -> dict:
    # Signature checking turned off: anyone can mint a session.
    return jwt.decode(token, key, options={"verify_signature": False})


def check_webhook(body: bytes, signature: str, secret: bytes) -> bool:
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return signature == expected  # timing leak: hmac.compare_digest is due


def login(user: str, api_key: str) -> None:
    log.info(f"login {user} with key {api_key}")


def rotate_logs(service: str) -> None:
    subprocess.call("journalctl --rotate -u " + service, shell=True)


def load_desk_settings(path: str) -> dict:
    with open(path) as fh:
        return yaml.load(fh)
