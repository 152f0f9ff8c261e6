"""Deployment steps run through the shell."""
import subprocess
import subprocess as sp
from subprocess import Popen


def backup(name):
    subprocess.call("tar czf /srv/backup/" + name + " /srv/bot", shell=True)


def restart(unit):
    return sp.run(f"systemctl restart {unit}", shell=True, check=True)


def logs():
    return subprocess.check_output("journalctl -u bot -n 100", shell=True)


def stream(cmd):
    return Popen(
        cmd,
        stdout=subprocess.PIPE,
        shell=True,
    )


def quiet(cmd):
    return subprocess.run(cmd, shell=True)  # nosec - operator-supplied command, reviewed


def wrapped(cmd):
    return subprocess.call(cmd, shell=(
        True))
