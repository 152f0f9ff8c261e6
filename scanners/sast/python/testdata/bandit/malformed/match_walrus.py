"""Newer syntax: match statements, the walrus operator, except*."""
import os
import pickle
import subprocess


def dispatch(command, payload):
    match command:
        case {"op": "restore", "blob": blob}:
            return pickle.loads(blob)
        case ["shell", *args]:
            return subprocess.run(" ".join(args), shell=True)
        case "reboot" | "restart":
            os.system("systemctl restart bot")
        case _:
            return None


def first_order(stream):
    if (line := stream.readline()) and (order := eval(line)):
        return order
    return None


async def cancel_all(client, orders):
    try:
        await client.cancel_many(orders)
    except* ConnectionError:
        pass


def pos_only(symbol, /, qty, *, password="hunter2"):
    return symbol, qty, password


type_ = lambda x: (y := x) and y
