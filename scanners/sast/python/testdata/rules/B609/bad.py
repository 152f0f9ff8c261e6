"""Housekeeping commands with shell wildcards."""
import os
import subprocess


def archive():
    os.system("tar czf /srv/backup/logs.tgz *")


def lock_down():
    subprocess.call("chmod 600 /srv/bot/keys/*", shell=True)


def sync():
    subprocess.Popen(
        "rsync -a /srv/bot/data/* backup:/data/",
        shell=True,
    )
