"""Pull-parser helpers on pulldom."""
import xml.dom.pulldom
from xml.dom import pulldom
