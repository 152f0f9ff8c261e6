"""Renders trade confirmations with Jinja2."""
import jinja2
from jinja2 import Environment, FileSystemLoader


def env():
    return jinja2.Environment(loader=jinja2.FileSystemLoader("templates"))


def unsafe_env():
    return Environment(loader=FileSystemLoader("templates"), autoescape=False)


def configured(settings):
    return Environment(
        loader=FileSystemLoader("templates"),
        autoescape=settings.escape,
    )
