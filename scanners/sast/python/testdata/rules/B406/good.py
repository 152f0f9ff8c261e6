"""SAX helpers on defusedxml."""
import defusedxml.sax
from defusedxml.sax import make_parser
