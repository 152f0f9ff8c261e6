"""Unpacks strategy bundles uploaded by users."""
import tarfile


def unpack(bundle_path, dest):
    with tarfile.open(bundle_path) as tar:
        tar.extractall(dest)


def unpack_all(bundle_path, dest):
    tar = tarfile.open(bundle_path, "r:gz")
    tar.extractall(path=dest, members=tar.getmembers())
    tar.close()


def unpack_chained(bundle_path, dest):
    tarfile.open(bundle_path).extractall(
        dest,
    )
