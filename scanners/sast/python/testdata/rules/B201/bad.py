"""Dashboard for the trading bot, started with the debugger on."""
import flask

app = flask.Flask(__name__)


@app.route("/positions")
def positions():
    return flask.jsonify([])


def main():
    app.run(
        host="127.0.0.1",
        port=5000,
        debug=True,
    )


if __name__ == "__main__":
    app.run(debug=True)
