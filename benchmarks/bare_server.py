"""Bare Flask-SocketIO on gevent with the app's protocol and no application logic.

The baseline of the framework for `make bench BENCH_ARGS=--bare`: the same join, watch and
card_submit messages, rooms per island and a wall room, one emit per card to the island's
other phones and the projector, an acknowledgement; no database, no validation.
Start it as `python -m gevent.monkey benchmarks/bare_server.py PORT`.
"""

import itertools
import sys

from flask import Flask, request
from flask_socketio import SocketIO, join_room

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent", ping_interval=25, ping_timeout=20)
card_ids = itertools.count(1)
seats: dict[str, int] = {}  # sid -> island id


@app.get("/healthz")
def health():
    return {"ok": True}


@socketio.on("join")
def on_join(data):
    seats[request.sid] = data["island_id"]
    join_room(f"island:{data['island_id']}")
    return {"ok": True, "token": "bare"}


@socketio.on("watch")
def on_watch(_data):
    join_room("wall")
    return {"ok": True}


@socketio.on("card_submit")
def on_card_submit(data):
    island_id = seats[request.sid]
    card = {"id": next(card_ids), "island_id": island_id, "case_id": data["case_id"],
            "kind": data["kind"], "category_id": data["category_id"], "text": data["text"],
            "detail": data["detail"]}
    socketio.emit("card", card, to=[f"island:{island_id}", "wall"],
                  skip_sid=request.sid)
    return {"ok": True, "card": card}


if __name__ == "__main__":
    def without_compression(wsgi_app):
        def wrapped(environ, start_response):
            environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
            return wsgi_app(environ, start_response)
        return wrapped

    app.wsgi_app = without_compression(app.wsgi_app)
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False)
