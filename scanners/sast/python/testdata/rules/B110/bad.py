"""Swallows errors while cancelling orders."""
import logging

log = logging.getLogger(__name__)


def cancel_all(client, orders):
    for order in orders:
        try:
            client.cancel(order)
        except Exception:
            pass


def close(conn):
    try:
        conn.close()
    except:
        pass


async def unsubscribe(ws):
    try:
        await ws.unsubscribe("trades")
    except Exception as exc:
        pass
