"""State cache built on pickle."""
import importlib
import pickle
import cPickle as legacy_pickle
from dill import dumps

serializer = importlib.import_module("pickle")
fallback = __import__("dill")
