"""Loads strategy configuration with the unsafe YAML loader."""
import yaml
import yaml as y
from yaml import load


def config(path):
    with open(path) as fh:
        return yaml.load(fh)


def config_full(text):
    return y.load(text, Loader=y.FullLoader)


def config_unsafe(text):
    return yaml.load(
        text,
        Loader=yaml.UnsafeLoader,
    )


def config_from(text):
    return load(text)
