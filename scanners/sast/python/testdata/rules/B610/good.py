"""Django reports with constant extra clauses and the ORM."""
from trading.models import Trade


def positive():
    return Trade.objects.extra(where=["price > 0"])


def recent():
    return Trade.objects.extra(select={"is_recent": "created > '2024-01-01'"})


def by_symbol(symbol):
    return Trade.objects.filter(symbol=symbol)
