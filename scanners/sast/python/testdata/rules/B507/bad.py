"""SSH to the colocation box trusting any host key."""
import paramiko
from paramiko import WarningPolicy


def client(host):
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy)
    ssh.connect(host, username="ops")
    return ssh


def warn_client():
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(WarningPolicy)
    return ssh


def instance_client():
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    return ssh
