"""Signs webhook payloads with hashlib.new and SHA-256."""
import hashlib


def payload_digest(body):
    return hashlib.new("sha256", body).hexdigest()


def configured(algorithm, body):
    return hashlib.new(algorithm, body).hexdigest()


def sha3(body):
    return hashlib.new(name="sha3_256", data=body).hexdigest()
