"""Builds SQL from strings."""
import sqlite3


def fills(conn, symbol):
    cur = conn.cursor()
    cur.execute("SELECT * FROM fills WHERE symbol = '%s'" % symbol)
    return cur.fetchall()


def purge(conn, account):
    conn.execute("DELETE FROM orders WHERE account = '{}'".format(account))


def mark(conn, order_id, state):
    conn.execute(f"UPDATE orders SET state = '{state}' WHERE id = {order_id}")


def insert(conn, table, qty):
    query = "INSERT INTO " + table + " (qty) VALUES (" + str(qty) + ")"
    conn.execute(query)


def open_db():
    return sqlite3.connect("bot.db")
