"""Handles errors explicitly while cancelling orders."""
import logging

log = logging.getLogger(__name__)


def cancel_all(client, orders):
    for order in orders:
        try:
            client.cancel(order)
        except Exception:
            log.exception("cancel failed")


def close(conn):
    try:
        conn.close()
    except OSError:
        pass


def parse(value):
    try:
        return float(value)
    except (ValueError, TypeError):
        pass
    return None
