"""Dashboard for the trading bot, debugger off."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/positions")
def positions():
    return jsonify([])


def main():
    app.run(host="127.0.0.1", port=5000, debug=False)


def dev():
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")


if __name__ == "__main__":
    main()
