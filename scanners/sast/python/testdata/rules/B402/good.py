"""Report upload over SFTP."""
import paramiko


def client(host):
    return paramiko.SSHClient(), host
