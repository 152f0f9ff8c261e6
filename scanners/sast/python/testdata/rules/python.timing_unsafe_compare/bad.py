"""Checks webhook signatures and API tokens with ==."""
import hashlib
import hmac


def check_signature(secret, body, signature):
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return expected == signature


def check_token(request, api_token):
    if request.headers.get("X-Api-Token") == api_token:
        return True
    return False


def check_key(api_key, stored_key):
    return api_key != stored_key


class Auth:
    def __init__(self, secret):
        self.secret = secret

    def ok(self, presented):
        return presented == self.secret


def check_password(password, user):
    return user.password == password
