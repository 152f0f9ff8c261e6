"""State cache built on JSON and msgpack."""
import importlib
import json

import msgpack

serializer = importlib.import_module("json")
packer = msgpack.Packer()
