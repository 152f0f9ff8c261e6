"""Gateway maintenance over SSH."""
import asyncssh


async def session(host):
    return await asyncssh.connect(host)
