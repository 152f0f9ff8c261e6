"""Reboots the colocated gateway over SSH."""
import paramiko


def reboot(host):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, username="ops")
    client.close()
