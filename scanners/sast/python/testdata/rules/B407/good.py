"""DOM helpers on defusedxml's expatbuilder."""
from defusedxml import expatbuilder
import defusedxml.expatbuilder
