"""Copies files to the trading host over SFTP."""
import paramiko


def upload(host, local, remote):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, username="ops")
    sftp = client.open_sftp()
    sftp.put(local, remote)
    sftp.close()
    client.close()
