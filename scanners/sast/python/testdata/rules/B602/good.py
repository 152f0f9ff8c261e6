"""Deployment steps run without a shell."""
import shlex
import subprocess


def backup(name):
    subprocess.call(["/bin/tar", "czf", "/srv/backup/" + name, "/srv/bot"], shell=False)


def restart(unit):
    return subprocess.run(["/bin/systemctl", "restart", unit], check=True)


def split(cmd):
    return subprocess.run(shlex.split(cmd), shell=False, check=True)
