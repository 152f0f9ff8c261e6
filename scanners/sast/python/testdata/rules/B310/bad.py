"""Downloads price history."""
import urllib.request
from urllib.request import urlopen, urlretrieve


def history(url):
    with urllib.request.urlopen(url) as resp:
        return resp.read()


def fetch(url):
    return urlopen(url, timeout=10).read()


def save(url, path):
    urlretrieve(url, path)


def opener():
    return urllib.request.URLopener()
