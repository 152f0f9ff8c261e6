"""Creates scratch files safely."""
import os
import tempfile


def result_file():
    fd, path = tempfile.mkstemp(suffix=".parquet")
    os.close(fd)
    return path


def scratch():
    with tempfile.NamedTemporaryFile("w", delete=False) as fh:
        fh.write("")
        return fh.name


def scratch_dir():
    return tempfile.TemporaryDirectory()
