"""Starts programs by absolute or relative path."""
import subprocess
import sys


def pull(repo):
    return subprocess.run(["/usr/bin/git", "-C", repo, "pull"], check=True)


def pip_list():
    return subprocess.run([sys.executable, "-m", "pip", "list"], check=True)


def local_script():
    return subprocess.run(["./scripts/rotate.sh"], check=True)
