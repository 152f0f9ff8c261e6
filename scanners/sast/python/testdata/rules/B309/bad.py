"""Talks to the broker over a raw HTTPS connection."""
import http.client
from http.client import HTTPSConnection as Conn


def quote(host, symbol):
    conn = http.client.HTTPSConnection(host, 443, timeout=5)
    conn.request("GET", "/quote/" + symbol)
    return conn.getresponse().read()


def ping(host):
    return Conn(host)
