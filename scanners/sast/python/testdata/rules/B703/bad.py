"""Marks user-controlled HTML as safe in Django views."""
from django.utils.safestring import SafeString, mark_safe


def bio(user):
    return mark_safe(user.bio)


def greeting(name):
    return mark_safe(f"<b>Hello {name}</b>")


def row(symbol):
    html = "<td>%s</td>" % symbol
    return SafeString(html)


def note(request):
    text = request.GET["note"]
    return mark_safe(text)
