"""FpML helpers on lxml."""
import lxml
from lxml import etree
from lxml.etree import fromstring
