"""Housekeeping without shell wildcard expansion."""
import glob
import os
import tarfile


def archive():
    with tarfile.open("/srv/backup/logs.tgz", "w:gz") as tar:
        for path in glob.glob("/srv/bot/logs/*.log"):
            tar.add(path)


def lock_down():
    for path in glob.glob("/srv/bot/keys/*"):
        os.chmod(path, 0o600)
