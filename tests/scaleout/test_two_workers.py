"""Two worker processes share one event through PostgreSQL and Redis (docs/deploy.md).

Needs PostgreSQL (database `test`, user postgres or root, trust auth) and Redis on their
standard local ports; skips with the reason when either is missing.
"""

import queue
import uuid
from contextlib import ExitStack

import pytest
import socketio

from tests.support.server import flask_cli, running_server

pytestmark = pytest.mark.scaleout


def _client(url: str, cards: queue.Queue | None = None) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    if cards is not None:
        client.on("card", cards.put)
    client.connect(url, transports=["websocket"], wait_timeout=10)
    return client


def _call(client: socketio.Client, event: str, data: dict) -> dict:
    answer = client.call(event, data, timeout=10)
    assert answer["ok"], answer
    return answer


def _wait_for(cards: queue.Queue, text: str, timeout: float = 10) -> dict:
    """The first card with this text (other events' cards may share the Redis channel)."""
    while True:
        card = cards.get(timeout=timeout)
        if card.get("text") == text:
            return card


def test_card_crosses_workers_and_phone_resyncs_on_the_other(tmp_path, shared_services):
    env, admin, schema = shared_services
    flask_cli(tmp_path, "db", "upgrade", extra_env=env)
    flask_cli(tmp_path, "seed-demo", extra_env=env)
    admin.execute(f'SET search_path TO "{schema}"')
    code, token = admin.execute("SELECT join_code, projector_token FROM events").fetchone()
    island_id, case_id = admin.execute(
        "SELECT i.id, c.id FROM islands i JOIN cases c ON c.island_id = i.id "
        "ORDER BY i.position, c.position LIMIT 1").fetchone()
    category_id = admin.execute(
        "SELECT id FROM categories WHERE kind = 'resource' ORDER BY position LIMIT 1"
    ).fetchone()[0]

    with ExitStack() as stack:
        url_a, _ = stack.enter_context(running_server(tmp_path, extra_env=env, migrate=False))
        url_b, _ = stack.enter_context(running_server(tmp_path, extra_env=env, migrate=False))
        wall, peer_cards = queue.Queue(), queue.Queue()
        projector = _client(url_b, wall)
        stack.callback(projector.disconnect)
        _call(projector, "watch", {"projector_token": token})
        peer = _client(url_b, peer_cards)
        stack.callback(peer.disconnect)
        _call(peer, "join", {"code": code, "island_id": island_id})

        phone = _client(url_a)
        joined = _call(phone, "join", {"code": code, "island_id": island_id})
        client_id, text = str(uuid.uuid4()), f"Stadtteiltreff {uuid.uuid4().hex[:8]}"
        stored = _call(phone, "card_submit", {
            "client_id": client_id, "case_id": case_id, "kind": "resource",
            "category_id": category_id, "text": text, "detail": ""})["card"]
        phone.disconnect()

        # Posted on worker A, announced on worker B through Redis.
        assert _wait_for(wall, text)["id"] == stored["id"]
        assert _wait_for(peer_cards, text)["id"] == stored["id"]

        # The phone comes back on worker B with its token and rebuilds its view.
        again = _client(url_b)
        stack.callback(again.disconnect)
        snapshot = _call(again, "join", {"code": code, "token": joined["token"]})["snapshot"]
        assert snapshot["island_id"] == island_id
        mine = [c for c in snapshot["cards"] if c["id"] == stored["id"]]
        assert mine and mine[0]["mine"] and mine[0]["client_id"] == client_id
        assert snapshot["seq"] >= stored["rev"]
        # A retried submit on the other worker finds the same card, no duplicate.
        retry = _call(again, "card_submit", {
            "client_id": client_id, "case_id": case_id, "kind": "resource",
            "category_id": category_id, "text": text, "detail": ""})["card"]
        assert retry["id"] == stored["id"]
    assert admin.execute("SELECT count(*) FROM cards WHERE text = %s", (text,)).fetchone()[0] == 1
