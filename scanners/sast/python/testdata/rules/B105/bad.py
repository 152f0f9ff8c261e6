"""Exchange settings with credentials written into the source."""

DB_PASSWORD = "hunter2"
api_secret = "changeme"


class BinanceConfig:
    passphrase = "changeme"
    secret_key = "not-a-real-secret"


def connect(user):
    password = "hunter2"
    return user, password


def check_login(password):
    if password == "changeme":
        return True
    return False


settings = {}
settings["password"] = "hunter2"
