"""Unpacks strategy bundles with the data filter."""
import tarfile


def unpack(bundle_path, dest):
    with tarfile.open(bundle_path) as tar:
        tar.extractall(dest, filter="data")


def list_bundle(bundle_path):
    with tarfile.open(bundle_path) as tar:
        return tar.getnames()


def unpack_one(bundle_path, name, dest):
    with tarfile.open(bundle_path) as tar:
        tar.extract(name, dest, filter="data")
