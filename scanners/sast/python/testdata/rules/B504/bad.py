"""Wraps sockets without naming a protocol version."""
import ssl
from ssl import wrap_socket


def wrap(sock):
    return ssl.wrap_socket(sock)


def wrap_with_cert(sock, cert):
    return wrap_socket(
        sock,
        certfile=cert,
    )
