"""Runs deployment steps through the API client."""
import asyncio
import shlex

command = shlex.join(["deploy", "--strategy", "grid"])
loop = asyncio.new_event_loop()
