"""Loads strategy configuration with the safe YAML loader."""
import json

import yaml
from yaml import CSafeLoader, SafeLoader


def config(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def config_loader(text):
    return yaml.load(text, Loader=yaml.SafeLoader)


def config_c(text):
    return yaml.load(text, Loader=CSafeLoader)


def config_name(text):
    return yaml.load(text, Loader=SafeLoader)


def config_json(text):
    return json.load(text)


def dump(cfg):
    return yaml.safe_dump(cfg)
