"""Pull-parser helpers on defusedxml's pulldom."""
from defusedxml import pulldom
