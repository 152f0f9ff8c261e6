"""SAX helpers on the standard library."""
import xml.sax
from xml.sax import make_parser
from xml.sax.handler import ContentHandler
