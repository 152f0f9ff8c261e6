"""Reads claims from exchange session tokens without checking them."""
import jwt
import jwt as pyjwt
from jose import jwt as jose_jwt


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


def legacy_claims(token, key):
    return pyjwt.decode(token, key, verify=False)


def any_alg(token, key):
    return jwt.decode(
        token,
        key,
        algorithms=["HS256", "none"],
    )


def peek(token):
    return jose_jwt.get_unverified_claims(token)


def no_verify(token):
    opts = {"verify_signature": False}
    return jwt.decode(token, options=opts, algorithms=["RS256"])
