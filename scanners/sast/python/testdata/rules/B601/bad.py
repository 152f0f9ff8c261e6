"""Runs maintenance commands on the trading host over SSH."""
import paramiko


def restart(host, service):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, username="ops")
    client.exec_command("systemctl restart " + service)
    return client


def tail(client, unit, lines):
    _stdin, stdout, _stderr = client.exec_command(
        f"journalctl -u {unit} -n {lines}",
    )
    return stdout.read()
