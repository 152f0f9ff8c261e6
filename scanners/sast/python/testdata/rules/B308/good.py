"""Renders trade notes with escaping."""
from django.utils.html import escape, format_html


def note_html(note):
    return format_html("<p>{}</p>", note.body)


def symbol_html(symbol):
    return escape(symbol)
