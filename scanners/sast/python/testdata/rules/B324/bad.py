"""Signs webhook payloads with hashlib.new and a weak algorithm."""
import hashlib
from hashlib import new as new_hash


def payload_digest(body):
    return hashlib.new("md5", body).hexdigest()


def legacy(body):
    h = hashlib.new(name="MD4")
    h.update(body)
    return h.hexdigest()


def aliased(body):
    return new_hash("md5", body).digest()
