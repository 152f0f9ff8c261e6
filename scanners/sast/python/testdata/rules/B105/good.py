"""Credentials read from the environment."""
import getpass
import os

DB_PASSWORD = os.environ.get("DB_PASSWORD")
api_secret = os.environ["EXCHANGE_API_SECRET"]
password = None
tokenizer = "whitespace"
password_length = 16


def prompt():
    pwd = getpass.getpass("Exchange password: ")
    return pwd


def check_login(password, expected):
    if password == expected:
        return True
    return False


user = "alice"
guest_password = ""
