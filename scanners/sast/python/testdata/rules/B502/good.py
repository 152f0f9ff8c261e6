"""FIX gateway with modern TLS."""
import ssl

from OpenSSL import SSL


def context():
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def wrap(sock, host):
    return context().wrap_socket(sock, server_hostname=host)


def openssl_context():
    return SSL.Context(method=SSL.TLS_CLIENT_METHOD)
