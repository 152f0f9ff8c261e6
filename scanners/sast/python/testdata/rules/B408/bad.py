"""DOM helpers on minidom."""
import xml.dom.minidom
from xml.dom import minidom
from xml.dom.minidom import parseString
