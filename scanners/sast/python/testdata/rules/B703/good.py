"""Marks only constant HTML as safe in Django views."""
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def separator():
    html = "<hr/>"
    return mark_safe(html)


def bio(user):
    return format_html("<p>{}</p>", user.bio)


def badge():
    return mark_safe("<span class='badge'>paper</span>")
