"""Services bound to loopback."""
import socket

from flask import Flask

app = Flask(__name__)
BIND = "127.0.0.1"
ALLOWED_NETWORK = "10.0.0.0"
DENY_ALL = "0.0.0.0/0"


def serve_metrics(port=9100):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((BIND, port))
    sock.listen(5)
    return sock


def serve_v6(port=9101):
    sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    sock.bind(("::1", port))
    return sock


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8080)
