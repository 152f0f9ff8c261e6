"""Functions whose password parameter has a literal default."""


def connect(host, user="bot", password="hunter2"):
    return host, user, password


class ExchangeClient:
    def __init__(self, api_key, secret="changeme", timeout=10):
        self.api_key = api_key
        self.secret = secret
        self.timeout = timeout


def retry(fn):
    return fn


@retry
def login(user, passwd="changeme"):
    return user, passwd


async def stream(url, token="changeme"):
    return url, token


def keyword_only(host, *, password="hunter2"):
    return host, password
