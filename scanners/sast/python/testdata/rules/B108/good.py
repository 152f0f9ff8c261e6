"""Uses private temporary files and data directories."""
import os
import tempfile
from pathlib import Path

CACHE_DIR = Path.home() / ".cache" / "bot"
DATA_DIR = "/var/lib/bot"
RELATIVE = "tmp/cache"


def dump_orders(orders):
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as fh:
        for order in orders:
            fh.write(order)
    return path


def scratch():
    return tempfile.mkdtemp(prefix="bot-")
