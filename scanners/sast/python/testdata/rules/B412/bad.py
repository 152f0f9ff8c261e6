"""Serves the status page through CGI."""
from twisted.web.twcgi import CGIScript
from wsgiref.handlers import CGIHandler
import wsgiref.handlers.CGIHandler
