"""Starts programs found through PATH."""
import os
import subprocess


def pull(repo):
    return subprocess.run(["git", "-C", repo, "pull"], check=True)


def disk():
    return os.popen("df -h").read()


def restart():
    subprocess.Popen(
        "systemctl restart bot",
        shell=True,
    )
