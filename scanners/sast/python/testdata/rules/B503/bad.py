"""Connection helpers whose defaults pick broken protocol versions."""
import ssl

from OpenSSL import SSL


def connect(host, port=443, version=ssl.PROTOCOL_TLSv1):
    return host, port, version


def legacy_context(method=SSL.SSLv3_METHOD):
    return SSL.Context(method)


class Gateway:
    def open(self, host, proto=ssl.PROTOCOL_SSLv2):
        return host, proto
