"""Connection helpers with safe protocol defaults."""
import ssl

from OpenSSL import SSL


def connect(host, port=443, version=ssl.PROTOCOL_TLS_CLIENT):
    return host, port, version


def context(method=SSL.TLS_METHOD):
    return SSL.Context(method)


def maybe(host, version=None):
    return host, version
