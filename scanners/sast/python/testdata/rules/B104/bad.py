"""Services that listen on every interface."""
import socket

from flask import Flask

app = Flask(__name__)
BIND = "0.0.0.0"


def serve_metrics(port=9100):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("0.0.0.0", port))
    sock.listen(5)
    return sock


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
