"""Wrappers that pass shell=True to helper libraries."""
from fabric import Connection
from invoke import run

from ops import utils


def rotate_logs():
    return utils.execute("logrotate /etc/logrotate.d/bot", shell=True)


def local(cmd):
    return run(cmd, shell=True)


def remote(host, cmd):
    return Connection(host).run(
        cmd,
        shell=True,
    )
