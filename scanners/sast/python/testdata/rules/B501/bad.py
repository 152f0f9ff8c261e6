"""Exchange client that turns certificate checks off."""
import requests
from requests import post


def ticker(url):
    return requests.get(url, verify=False, timeout=5)


def place(url, order):
    return post(
        url,
        json=order,
        timeout=5,
        verify=False,
    )


def cancel(url):
    return requests.delete(url, timeout=5, verify=False)
