"""A login ended on one worker closes the facilitator's live board on another (Redis)."""

import threading
from contextlib import ExitStack

import pytest
import socketio

from tests.browser.actors import Web
from tests.browser.conftest import LOGIN
from tests.scaleout.test_two_workers import shared_services  # noqa: F401 - the fixture
from tests.support.server import flask_cli, running_server

pytestmark = pytest.mark.scaleout


def test_logout_on_one_worker_closes_the_board_on_the_other(tmp_path, shared_services):  # noqa: F811
    env, admin, schema = shared_services
    flask_cli(tmp_path, "db", "upgrade", extra_env=env)
    flask_cli(tmp_path, "seed-demo", extra_env=env)
    flask_cli(tmp_path, "create-facilitator", LOGIN[0], "--password", LOGIN[1], extra_env=env)
    admin.execute(f'SET search_path TO "{schema}"')
    event_id = admin.execute("SELECT id FROM events").fetchone()[0]

    with ExitStack() as stack:
        url_a, _ = stack.enter_context(running_server(tmp_path, extra_env=env, migrate=False))
        url_b, _ = stack.enter_context(running_server(tmp_path, extra_env=env, migrate=False))
        web = Web(url_a)
        board = socketio.Client(reconnection=False)
        revoked, gone = threading.Event(), threading.Event()
        board.on("revoked", lambda *_: revoked.set())
        board.on("disconnect", lambda *_: gone.set())
        board.connect(url_b, headers={"Cookie": web.cookie()}, transports=["websocket"],
                      wait_timeout=10)
        stack.callback(lambda: board.connected and board.disconnect())
        answer = board.call("watch", {"event_id": event_id}, timeout=10)
        assert answer["role"] == "facilitator"

        web.post("/logout", {})

        assert gone.wait(10), "the board on the other worker is still connected"
        assert revoked.is_set()
