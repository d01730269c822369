"""Hostile and broken input gets a clear answer: half emojis, huge ids, reserved and unknown
socket events, undecodable packets, and the same card from two tabs at the same moment.

Runs on SQLite and, with --database=postgresql, on PostgreSQL (make test does both).
"""

import logging
import threading

import flask_babel
import pytest
from sqlalchemy import event as sa_event

from workshop import validation
from workshop.errors import DomainError
from workshop.extensions import db, socketio
from workshop.models import Card, Participant
from workshop.services import cards, participants

from .conftest import category_id
from .test_sockets import card_payload, join

HALF_EMOJI = "Familienzentrum \ud83d"  # the first half of 😀 alone
HUGE_IDS = (2 ** 31, 2 ** 63, 10 ** 30)


@pytest.fixture
def problems(caplog):
    """Log records that point to a crash: errors, or anything with a traceback."""
    caplog.set_level(logging.WARNING)
    return lambda: [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.fixture
def phone(event, socket_client):
    """A phone joined at island A."""
    sc = socket_client()
    join(sc, event, 0)
    return sc


def test_half_emoji_in_a_card_is_refused_with_a_message(event, phone, problems):
    answer = phone.emit("card_submit", card_payload(event, text=HALF_EMOJI), callback=True)
    assert answer["ok"] is False and answer["error"] == "bad_character"
    assert answer["message"].startswith("Text: ") and "Emoji" in answer["message"]
    assert db.session.query(Card).count() == 0
    assert problems() == []


@pytest.mark.parametrize("event_name,data", [
    ("join", {"code": HALF_EMOJI}),
    ("join", {"code": "x", "token": HALF_EMOJI}),
    ("watch", {"projector_token": HALF_EMOJI}),
    ("watch", {"host_token": HALF_EMOJI}),
    ("profile", {"organisation": HALF_EMOJI}),
    ("agreement", {"what": HALF_EMOJI}),
    ("group", {"action": "create", "label": HALF_EMOJI}),
    ("card_edit", {"card_id": 1, "detail": [HALF_EMOJI]}),
    ("card_submit", {HALF_EMOJI: "a key is text too"}),
])
def test_half_emoji_in_any_field_of_any_event_is_refused(event, socket_client, event_name,
                                                         data, problems):
    answer = socket_client().emit(event_name, data, callback=True)
    assert answer["ok"] is False and answer["error"] == "bad_character", answer
    assert problems() == []


def test_services_refuse_half_emojis_from_any_caller(event):
    with pytest.raises(DomainError) as error:
        validation.text(HALF_EMOJI, "label", 80)
    assert (error.value.code, error.value.params["field"]) == ("bad_character", "label")
    assert validation.text("Spielplatz 😀", "label", 80) == "Spielplatz 😀"


def test_payload_nested_deeper_than_any_real_one_is_refused(phone, problems):
    deep = {"text": "x"}
    for _ in range(validation.PAYLOAD_DEPTH_MAX + 1):
        deep = {"detail": deep}
    answer = phone.emit("card_submit", deep, callback=True)
    assert answer["ok"] is False and answer["error"] == "malformed"
    assert problems() == []


def raw_packet(sc, encoded: str) -> None:
    """Hand the server a Socket.IO packet as a client could send it, bypassing the encoder."""
    socketio.server._handle_eio_message(sc.eio_sid, encoded)


@pytest.mark.parametrize("encoded", [
    '21["card_submit",' + '{"a":' * 1000 + "1" + "}" * 1000 + "]",  # deeper than json decodes
    '21["card_submit",' + "[" * 5000 + "]" * 5000 + "]",
    '21["card_submit", {"text": "unterminated]',
    '21["card_submit", {"case_id": ' + "9" * 101 + "}]",  # longer than Engine.IO decodes
    "9hello",
    "2" + "9" * 5000,
    b'21["sync", {}]',  # a binary frame where text was due
])
def test_undecodable_packet_gets_an_answer_and_one_log_line(phone, caplog, problems, encoded):
    caplog.set_level(logging.WARNING)
    caplog.clear()
    raw_packet(phone, encoded)
    assert problems() == []
    assert len([r for r in caplog.records if r.name == "workshop.live.acks"]) == 1
    if isinstance(encoded, str) and encoded.startswith("21["):
        assert phone.acks["args"][0]["error"] == "malformed"
    assert phone.emit("sync", {}, callback=True)["ok"]  # the connection still works


@pytest.mark.parametrize("name", ["disconnect", "connect", "connect_error", "message", "json",
                                  "*", "no_such_event", "", "x" * 10000])
def test_reserved_and_unknown_events_get_an_error_answer(event, phone, name, caplog, problems):
    caplog.set_level(logging.WARNING)
    caplog.clear()
    answer = phone.emit(name, {}, callback=True)
    assert answer["ok"] is False and answer["error"] == "unknown_event"
    assert "neu laden" in answer["message"]
    refused = [r for r in caplog.records if r.name == "workshop.live.acks"]
    assert len(refused) == 1 and len(refused[0].getMessage()) < 200
    assert problems() == []


def test_event_names_that_are_no_text_get_an_error_answer(phone, problems):
    for encoded in ('21[42, {}]', '22[]', '23[["join"], {}]', '24{"join": 1}'):
        raw_packet(phone, encoded)
        assert phone.acks["args"][0]["error"] == "unknown_event"
        phone.acks = None
    assert problems() == []


def test_a_client_cannot_run_the_disconnect_handler(event, phone):
    participant = db.session.scalar(db.select(Participant))
    phone.emit("disconnect", {}, callback=True)
    phone.emit("disconnect")
    db.session.expire_all()
    assert participant.connection_id is not None and participant.left_at is None
    answer = phone.emit("card_submit", card_payload(event), callback=True)
    assert answer["ok"]


def test_unknown_event_is_answered_in_english_too(client, socket_client):
    client.set_cookie("lang", "en")
    sc = socket_client(client)
    flask_babel.refresh()  # the tests share one app context; a real request starts afresh
    answer = sc.emit("no_such_event", {}, callback=True)
    assert answer["message"] == "The server does not know this request. Please reload the page."


def int_routes(app):
    """Every route with an id in its address, with the methods it answers."""
    return [(rule, sorted(rule.methods - {"HEAD", "OPTIONS"})) for rule in app.url_map.iter_rules()
            if any(type(conv).__name__ == "IdConverter" for conv in rule._converters.values())]


def test_every_route_with_an_id_uses_the_bounded_converter(app):
    bounded = {rule.rule for rule, _ in int_routes(app)}
    plain_int = [rule.rule for rule in app.url_map.iter_rules()
                 if "<int:" in rule.rule and rule.rule not in bounded]
    assert plain_int == [] and len(bounded) >= 20


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_out_of_range_ids_in_addresses_are_404(app, client, auth, event, huge, problems):
    auth.login()
    for rule, methods in int_routes(app):
        values = {name: huge if name in rule._converters and
                  type(rule._converters[name]).__name__ == "IdConverter" else event.join_code
                  for name in rule.arguments}
        url = rule.rule
        for name, value in values.items():
            url = url.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
        for method in methods:
            response = client.open(url, method=method)
            assert response.status_code == 404, (method, url)
    assert problems() == []


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_out_of_range_ids_in_socket_payloads_are_refused(event, phone, socket_client, client,
                                                         auth, huge, problems):
    auth.login()
    staff = socket_client(client)
    assert staff.emit("watch", {"event_id": huge}, callback=True)["error"] == "malformed"
    assert staff.emit("watch", {"event_id": event.id}, callback=True)["ok"]
    for name, data in (("card_edit", {"card_id": huge}), ("vote", {"card_id": huge}),
                       ("choose_island", {"island_id": huge}),
                       ("card_submit", {**card_payload(event), "case_id": huge})):
        assert phone.emit(name, data, callback=True)["ok"] is False
    for data in ({"action": "hide", "card_id": huge}, {"action": "dissolve", "group_id": huge}):
        name = "moderate" if "card_id" in data else "group"
        assert staff.emit(name, data, callback=True)["ok"] is False
    assert staff.emit("moderate_profile", {"participant_id": huge, "action": "hide"},
                      callback=True)["ok"] is False
    assert problems() == []


def seated(event):
    participant = participants.join(event.join_code)
    return participants.choose_island(participant.id, event.islands[0].id)


def test_same_card_from_two_tabs_at_once_is_stored_once_and_both_get_it(app, event):
    """Two real transactions at the same moment, each in its own thread and connection.

    On PostgreSQL both first read "no such card yet" (each waits for the other after its
    read), then both insert: the unique constraint lets one win, and the other sender must
    still get the stored card. SQLite queues writers, so there the second simply reads it.
    """
    participant_id = seated(event).id
    case_id = event.islands[0].cases[0].id
    resource = category_id(event, "resource")
    postgres = db.engine.dialect.name == "postgresql"
    both_read = threading.Barrier(2, timeout=10)
    waited = threading.local()

    def after_read(_conn, _cursor, statement, *_args):
        # Only the first read of submit_card (the retry lookup), once per thread.
        if postgres and "client_id" in statement and not getattr(waited, "done", False):
            waited.done = True
            both_read.wait()

    results, errors = [], []

    def submit():
        with app.app_context():
            try:
                card, created = cards.submit_card(participant_id, "tab-client-1", case_id,
                                                  "resource", resource, "Tafel")
                results.append((card.id, card.text, created))
            except Exception as error:  # noqa: BLE001 - the assertion below shows it
                errors.append(error)
            finally:
                db.session.remove()

    sa_event.listen(db.engine, "after_cursor_execute", after_read)
    try:
        tabs = [threading.Thread(target=submit) for _ in range(2)]
        for tab in tabs:
            tab.start()
        for tab in tabs:
            tab.join(20)
    finally:
        sa_event.remove(db.engine, "after_cursor_execute", after_read)
    assert errors == []
    assert sorted(created for _, _, created in results) == [False, True]
    assert len({(card_id, text) for card_id, text, _ in results}) == 1
    assert db.session.query(Card).count() == 1


def test_real_server_answers_hostile_packets_with_one_line_each(tmp_path, request):
    """The production server (gevent, Engine.IO's own dispatch) behind a raw websocket."""
    if request.config.getoption("--database") == "postgresql":
        pytest.skip("the server runs on its own SQLite file: once is enough")
    import json
    import sqlite3
    import urllib.error
    import urllib.request

    import websocket

    from tests.support.server import flask_cli, running_server

    log = tmp_path / "server.log"
    with running_server(tmp_path, log_path=log) as (url, _process):
        flask_cli(tmp_path, "seed-demo")
        with sqlite3.connect(tmp_path / "workshop.sqlite3") as connection:
            code = connection.execute("SELECT join_code FROM events").fetchone()[0]
        ws = websocket.create_connection(
            url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket", timeout=10)
        assert ws.recv().startswith("0")
        ws.send("40")
        assert ws.recv().startswith("40")

        def ask(ack_id: int, body: str) -> dict:
            ws.send(f"42{ack_id}{body}")
            while True:
                frame = ws.recv()
                if frame.startswith(f"43{ack_id}["):
                    return json.loads(frame[len(f"43{ack_id}"):])[0]

        assert ask(1, json.dumps(["join", {"code": code}]))["ok"]
        assert ask(2, '["disconnect", {}]')["error"] == "unknown_event"
        assert ask(3, '["no_such_event", {}]')["error"] == "unknown_event"
        deep = '["card_submit",' + '{"a":' * 1000 + "1" + "}" * 1000 + "]"
        assert ask(4, deep)["error"] == "malformed"
        assert ask(5, '["profile", {"organisation": "\\ud83d"}]')["error"] == "bad_character"
        assert ask(6, '["card_submit", {"case_id": ' + "9" * 101 + "}]")["error"] == "malformed"
        assert ask(7, '["sync", {}]')["ok"]  # still joined: "disconnect" did not run
        ws.close()
        for path in ("/admin/events/9223372036854775808", "/j/x/99999999999999999999"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(url + path, timeout=5)
            assert error.value.code == 404
            error.value.close()
    text = log.read_text()
    assert "Traceback" not in text and "ERROR" not in text, text
    assert text.count("refused socket event") == 2
    assert text.count("refused malformed socket packet") == 2
