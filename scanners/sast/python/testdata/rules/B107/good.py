"""Functions whose password parameters have no literal default."""
import os


def connect(host, user="bot", password=None):
    return host, user, password or os.environ["DB_PASSWORD"]


class ExchangeClient:
    def __init__(self, api_key, secret, timeout=10):
        self.api_key = api_key
        self.secret = secret
        self.timeout = timeout


def login(user, passes=3, mode="paper"):
    return user, passes, mode


def stream(url, token=os.environ.get("STREAM_TOKEN")):
    return url, token


def public_feed(url, api_secret=""):
    return url, api_secret
