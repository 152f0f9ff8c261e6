"""Legacy FIX gateway pinned to broken protocol versions."""
import ssl

from OpenSSL import SSL


def wrap(sock):
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1)


def wrap_v3(sock):
    return ssl.wrap_socket(
        sock,
        ssl_version=ssl.PROTOCOL_SSLv3,
    )


def context():
    return SSL.Context(method=SSL.SSLv3_METHOD)


def helper(connect):
    return connect(ssl_version=ssl.PROTOCOL_SSLv2)
