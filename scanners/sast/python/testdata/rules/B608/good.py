"""Builds SQL with placeholders."""
import sqlite3

LIST_FILLS = "SELECT * FROM fills WHERE symbol = ?"


def fills(conn, symbol):
    cur = conn.cursor()
    cur.execute(LIST_FILLS, (symbol,))
    return cur.fetchall()


def purge(conn, account):
    conn.execute("DELETE FROM orders WHERE account = ?", (account,))


def describe(n, venue):
    return "Selected %d orders at %s" % (n, venue)


def open_db():
    return sqlite3.connect("bot.db")
