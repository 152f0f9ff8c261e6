"""Renders trade confirmations with autoescaping."""
import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape


def env():
    return Environment(loader=FileSystemLoader("templates"), autoescape=True)


def html_env():
    return Environment(
        loader=FileSystemLoader("templates"),
        autoescape=select_autoescape(["html", "xml"]),
    )


def qualified_env():
    return jinja2.Environment(autoescape=jinja2.select_autoescape())
