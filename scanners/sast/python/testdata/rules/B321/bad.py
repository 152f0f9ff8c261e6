"""Uploads end-of-day reports over FTP."""
import ftplib
from ftplib import FTP_TLS


def upload(host, path):
    ftp = ftplib.FTP(host)
    ftp.login("reports", "changeme")
    with open(path, "rb") as fh:
        ftp.storbinary("STOR eod.csv", fh)


def upload_tls(host):
    return FTP_TLS(host)
