"""XML helpers on defusedxml."""
import defusedxml.ElementTree as ET
from defusedxml.ElementTree import fromstring
