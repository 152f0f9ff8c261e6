"""Renders trade notes as HTML."""
from django.utils import safestring
from django.utils.safestring import mark_safe


def note_html(note):
    return mark_safe(note.body)


def banner():
    return mark_safe("<b>Paper trading</b>")


def badge(symbol):
    return safestring.mark_safe(f"<span>{symbol}</span>")
