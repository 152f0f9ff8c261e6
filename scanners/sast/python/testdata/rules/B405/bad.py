"""XML helpers on the standard ElementTree."""
import xml.etree.ElementTree as ET
from xml.etree import cElementTree
from xml.etree.ElementTree import fromstring
