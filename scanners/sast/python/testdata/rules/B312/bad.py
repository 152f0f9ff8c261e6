"""Reboots the colocated gateway over telnet."""
import telnetlib


def reboot(host):
    tn = telnetlib.Telnet(host, 23, timeout=5)
    tn.write(b"reboot\n")
    tn.close()
