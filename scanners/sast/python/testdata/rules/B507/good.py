"""SSH to the colocation box with known host keys."""
import paramiko


def client(host):
    ssh = paramiko.SSHClient()
    ssh.load_system_host_keys()
    ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
    ssh.connect(host, username="ops")
    return ssh
