"""Restores strategy state from a cache."""
import pickle
import pickle as pk
from pickle import loads

import dill


def restore(blob):
    return pickle.loads(blob)


def restore_file(path):
    with open(path, "rb") as fh:
        return pk.load(fh)


def restore_message(msg):
    return loads(msg.body)


def restore_model(fh):
    return pickle.Unpickler(fh).load()


def restore_closure(data):
    return dill.loads(data)
