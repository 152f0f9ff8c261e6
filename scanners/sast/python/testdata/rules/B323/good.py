"""Connects to the exchange with a verified TLS context."""
import ssl


def context():
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def pinned(cafile):
    return ssl.create_default_context(cafile=cafile)
