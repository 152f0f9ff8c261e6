"""Reads claims from exchange session tokens after verifying them."""
import os

import jwt

JWT_KEY = os.environ["JWT_KEY"]


def claims(token):
    return jwt.decode(token, JWT_KEY, algorithms=["HS256"])


def rsa_claims(token, public_key):
    return jwt.decode(
        token,
        public_key,
        algorithms=["RS256"],
        audience="bot",
        options={"verify_exp": True, "require": ["exp"]},
    )


def key_id(token):
    return jwt.get_unverified_header(token).get("kid")


def issue(payload):
    return jwt.encode(payload, JWT_KEY, algorithm="HS256")
