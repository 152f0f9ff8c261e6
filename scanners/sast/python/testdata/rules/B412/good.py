"""Serves the status page through WSGI."""
from wsgiref.handlers import SimpleHandler
from wsgiref.simple_server import make_server
