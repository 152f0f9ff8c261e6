"""Creates scratch files with tempfile."""
import os
import tempfile


def scratch():
    fd, path = tempfile.mkstemp(prefix="bot")
    os.close(fd)
    return path
