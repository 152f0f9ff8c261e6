"""Clients created with literal credentials."""
import psycopg2
from ccxt import binance


def open_db():
    return psycopg2.connect(host="db", user="bot", password="hunter2")


def exchange():
    return binance(
        {"enableRateLimit": True},
        api_key="demo-key",
        secret="changeme",
    )


def login(client):
    return client.login(user="trader", passwd="hunter2")


def refresh(session):
    return session.refresh(token="changeme")
