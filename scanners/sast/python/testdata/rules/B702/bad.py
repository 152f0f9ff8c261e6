"""Renders reports with Mako."""
import mako.template
from mako.template import Template


def report(text):
    return Template(text).render()


def report_file(path):
    return mako.template.Template(filename=path)
