"""Clients created with credentials from the environment."""
import getpass
import os

import psycopg2


def open_db():
    return psycopg2.connect(host="db", user="bot", password=os.environ["DB_PASSWORD"])


def interactive(client):
    return client.login(user="trader", password=getpass.getpass())


def configure(client):
    return client.configure(password_min_length=12, token_ttl=3600)


def refresh(session, token):
    return session.refresh(token=token)


def anonymous(client):
    return client.login(user="guest", password="")
