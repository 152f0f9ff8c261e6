"""Exchange REST calls that can hang forever."""
import requests
from requests import post


def ticker(symbol):
    return requests.get("https://api.example.com/ticker", params={"symbol": symbol}).json()


def place(order):
    return post("https://api.example.com/order", json=order)


def cancel(order_id):
    return requests.delete(
        f"https://api.example.com/order/{order_id}",
        headers={"X-Client": "bot"},
    )


def status():
    return requests.head("https://api.example.com/ping", timeout=None)
