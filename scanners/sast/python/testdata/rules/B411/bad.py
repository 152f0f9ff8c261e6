"""Legacy XML-RPC client for the risk server (Python 2)."""
import xmlrpclib
from xmlrpclib import ServerProxy
