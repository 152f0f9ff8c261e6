"""Wraps sockets through an SSLContext."""
import ssl


def wrap(sock, host):
    ctx = ssl.create_default_context()
    return ctx.wrap_socket(sock, server_hostname=host)


def wrap_pinned(sock):
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS_CLIENT)
