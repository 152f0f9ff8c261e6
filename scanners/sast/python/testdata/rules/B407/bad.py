"""DOM helpers on expatbuilder."""
import xml.dom.expatbuilder
from xml.dom import expatbuilder
