"""Creates scratch files for backtest results."""
import tempfile
from tempfile import mktemp


def result_path():
    return tempfile.mktemp(suffix=".parquet")


def scratch():
    path = mktemp()
    with open(path, "w") as fh:
        fh.write("")
    return path
