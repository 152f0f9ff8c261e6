"""Checks webhook signatures and API tokens in constant time."""
import hashlib
import hmac
import secrets


def check_signature(secret, body, signature):
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def check_token(request, api_token):
    return secrets.compare_digest(request.headers.get("X-Api-Token", ""), api_token)


def has_token(token):
    return token is not None and len(token) == 32


def is_admin(user):
    return user.role == "admin"


def token_kind(token_type):
    return token_type == "bearer"
