"""Exchange REST calls with timeouts."""
import requests

TIMEOUT = (3.05, 27)


def ticker(symbol):
    return requests.get("https://api.example.com/ticker", params={"symbol": symbol}, timeout=5).json()


def place(order):
    return requests.post("https://api.example.com/order", json=order, timeout=TIMEOUT)


def session():
    s = requests.Session()
    s.headers["X-Client"] = "bot"
    return s
