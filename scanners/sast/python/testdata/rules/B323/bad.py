"""Connects to the exchange without checking its certificate."""
import ssl
import urllib.request
from ssl import _create_unverified_context


def fetch(url):
    ctx = ssl._create_unverified_context()
    return urllib.request.urlopen(url, context=ctx).read()


ssl._create_default_https_context = ssl._create_unverified_context


def context():
    return _create_unverified_context()
