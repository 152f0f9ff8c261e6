"""Uploads end-of-day reports over SFTP."""
import paramiko


def upload(host, path):
    transport = paramiko.Transport((host, 22))
    sftp = paramiko.SFTPClient.from_transport(transport)
    sftp.put(path, "eod.csv")
    sftp.close()
