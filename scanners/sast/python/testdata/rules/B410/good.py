"""FpML helpers on defusedxml."""
from defusedxml import ElementTree
from defusedxml.lxml import fromstring
