"""Runs strategies without executing strings."""
import asyncio
import importlib
import sqlite3


def load_strategy(name):
    module = importlib.import_module("strategies." + name)
    return module.Strategy


def record_fill(db_path, fill):
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    cur.execute("INSERT INTO fills (symbol, qty) VALUES (?, ?)", (fill.symbol, fill.qty))
    conn.commit()


async def offload(loop, fn):
    return await loop.run_in_executor(None, fn)


class Session:
    def exec(self, statement):
        return statement


def query(session, stmt):
    return session.exec(stmt)


if __name__ == "__main__":
    asyncio.run(offload(asyncio.new_event_loop(), print))
