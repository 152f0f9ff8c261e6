"""Wrappers that keep the shell off."""
from invoke import run

from ops import utils


def rotate_logs():
    return utils.execute(["/usr/sbin/logrotate", "/etc/logrotate.d/bot"], shell=False)


def local(cmd):
    return run(cmd, use_shell=True)
