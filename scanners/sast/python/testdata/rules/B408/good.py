"""DOM helpers on defusedxml's minidom."""
import defusedxml.minidom
from defusedxml.minidom import parseString
