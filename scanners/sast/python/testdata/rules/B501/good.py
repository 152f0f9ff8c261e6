"""Exchange client with certificate checks on."""
import requests

CA_BUNDLE = "certs/exchange-ca.pem"


def ticker(url):
    return requests.get(url, verify=True, timeout=5)


def place(url, order):
    return requests.post(url, json=order, timeout=5, verify=CA_BUNDLE)


def cancel(url):
    return requests.delete(url, timeout=5)
