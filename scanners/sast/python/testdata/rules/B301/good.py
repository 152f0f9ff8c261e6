"""Stores strategy state as JSON."""
import json
import pickle


def save(state):
    return json.dumps(state)


def restore(text):
    return json.loads(text)


def snapshot(obj):
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
