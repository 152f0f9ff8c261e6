# fixture: fake key
PRIVATE_KEY = "0x3c5e7a9b1d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c1e3a5c7e9b2d4f6a8c0e1a3c"
config = {"mnemonic": "e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2e1f0e1d2"}
