"""Report upload over FTP."""
import ftplib
from ftplib import FTP


def client(host):
    return FTP(host), ftplib.all_errors
