"""Gateway maintenance over telnet."""
import telnetlib
from telnetlib import Telnet


def session(host):
    return Telnet(host), telnetlib.DO
