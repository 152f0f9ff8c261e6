"""Logs about credentials without their values."""
import logging

log = logging.getLogger("bot.exchange")


def connect(api_key_id, api_secret):
    log.info("connecting with key id %s (secret of %d chars)", api_key_id, len(api_secret))


def refreshed(token):
    logging.debug("session token refreshed")
    log.debug("token length: %d", len(token))


def failed_login(user):
    log.warning("login failed for %s", user)


def has_secret(secret):
    log.info("secret configured: %s", bool(secret))
