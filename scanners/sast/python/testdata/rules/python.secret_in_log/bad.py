"""Logs credentials while talking to the exchange."""
import logging

log = logging.getLogger("bot.exchange")


def connect(api_key, api_secret):
    log.info("connecting with key %s and secret %s", api_key, api_secret)


def refreshed(token):
    logging.debug(f"new session token: {token}")


def failed_login(user, password):
    log.warning("login failed for %s with password %s" % (user, password))


class Client:
    def __init__(self, secret):
        self.secret = secret
        self.log = logging.getLogger(__name__)

    def sign(self, body):
        self.log.debug(
            "signing %s with %s",
            body,
            self.secret,
        )
