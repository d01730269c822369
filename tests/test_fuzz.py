"""Fuzz (Hypothesis): every socket handler in every connection state, and every HTTP route.

Handlers come from the running server (socketio.server.handlers) and routes from
app.url_map, so handlers and routes added later are fuzzed without touching this file. The
words of the payloads are the string literals of the socket handlers, services and models;
valid payloads are recorded from the calls that set the scene (a phone, a projector, an island
host and a facilitator at a running event with cards, a group and an agreement). Hypothesis
mixes them with hostile values: half emojis, huge, negative and fractional ids, wrong types,
nesting, unknown and reserved event names, undecodable packets, bad form encodings.

Every socket call must raise nothing, log no error or traceback, answer its ack with
{"ok": ...}, and commit no write when it answers "not ok". Every HTTP request must answer
below 500, log no error, and commit no write when it answers 4xx or flashes an error.

`make test` runs a short pass (8 × 40 examples, derandomized: about 15 s of CPU); `make fuzz`
sets WORKSHOP_FUZZ_EXAMPLES and runs at least 10,000 cases; `--database=postgresql` runs either
on PostgreSQL. The last `make fuzz` and what it found: docs/performance.md.
"""

import logging
import os
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import flask_babel
import pytest
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event as sa_event

from workshop.extensions import db, socketio
from workshop.live.acks import RESERVED_EVENTS
from workshop.models import Participant

from .conftest import category_id

ROOT = Path(__file__).resolve().parent.parent
# Examples per test: the five socket states, raw packets and HTTP (two clients) share them.
EXAMPLES = int(os.environ.get("WORKSHOP_FUZZ_EXAMPLES", "40"))
STATES = ("not_joined", "phone", "projector", "host", "facilitator")

fuzz_settings = settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES < 100,
    # One scene per test, shared by its examples on purpose: calls build on each other.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large])


def source_words() -> list[str]:
    """Keys and words the server understands, read from its own source (new ones included)."""
    files = [*(ROOT / "workshop" / "live").glob("*.py"),
             *(ROOT / "workshop" / "services").glob("*.py"), ROOT / "workshop" / "models.py"]
    words = set()
    for path in files:
        words.update(re.findall(r"[\"']([a-z][a-z_]{1,30})[\"']", path.read_text()))
    return sorted(words)


WORDS = source_words()
HALF_EMOJIS = ("\ud83d", "\ude00", "Tafel \ud83d", "\udfff\ud800")
HUGE = (0, -1, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63 - 1, 2 ** 63, 2 ** 64, 10 ** 30,
        -(2 ** 63) - 1, 10 ** 400)


# --- watching the log and the database ---------------------------------------------------

class Problems(logging.Handler):
    """Every warning and above; errors and tracebacks are what the fuzz must never see."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def crashes(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()[:300]}" for r in self.records
                if r.levelno >= logging.ERROR or r.exc_info]


class Writes:
    """Committed write statements on the engine (a refused call must commit none)."""

    def __init__(self, engine):
        self.committed = 0
        self._pending: dict[int, int] = defaultdict(int)
        self._engine = engine
        self._listeners = (("after_cursor_execute", self._executed), ("commit", self._commit),
                           ("rollback", self._rollback))
        for name, listener in self._listeners:
            sa_event.listen(engine, name, listener)

    def _executed(self, conn, _cursor, statement, *_args):
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self._pending[id(conn)] += 1

    def _commit(self, conn):
        self.committed += self._pending.pop(id(conn), 0)

    def _rollback(self, conn):
        self._pending.pop(id(conn), None)

    def close(self):
        for name, listener in self._listeners:
            sa_event.remove(self._engine, name, listener)


# --- the scene: an event running with every kind of screen connected ------------------------

class Scene:
    """Clients in every connection state, the ids and words that exist, valid payloads."""

    def __init__(self, app, event, client, socket_client, facilitator):
        self.app, self.event = app, event
        self.templates: dict[str, list[dict]] = defaultdict(list)
        island_a, island_b = event.islands
        case_a = island_a.cases[0]
        phone = socket_client()
        self.call(phone, "join", {"code": event.join_code, "island_id": island_a.id})
        self.call(phone, "choose_island", {"island_id": island_b.id})
        self.call(phone, "choose_island", {"island_id": island_a.id})
        self.call(phone, "sync", {})
        self.call(phone, "profile", {"field_of_work": None, "organisation": "Jugendtreff",
                                     "offer": "Räume am Abend", "display_name": "Kim"})
        cards = [self.call(phone, "card_submit", {
            "client_id": f"fuzz-card-{n}", "case_id": case_a.id, "kind": kind,
            "category_id": category_id(event, kind), "text": f"Karte {n}", "detail": ""})["card"]
            for n, kind in enumerate(("resource", "resource", "barrier", "resource"))]
        self.call(phone, "card_edit", {"card_id": cards[0]["id"], "kind": "resource",
                                       "category_id": category_id(event, "resource"),
                                       "text": "Karte 0 neu", "detail": "Mo–Fr"})
        self.call(phone, "card_delete", {"card_id": cards[3]["id"]})
        staff = socket_client(client)
        self.call(staff, "watch", {"event_id": event.id})
        projector = socket_client()
        self.call(projector, "watch", {"projector_token": event.projector_token})
        host = socket_client()
        self.call(host, "watch", {"host_token": island_a.host_token})
        for action in ("hide", "unhide", "approve"):
            self.call(host, "moderate", {"action": action, "card_id": cards[2]["id"]})
        self.call(staff, "moderate", {"action": "edit", "card_id": cards[2]["id"],
                                      "kind": "barrier", "text": "Kosten",
                                      "category_id": category_id(event, "barrier")})
        group = self.call(staff, "group", {"action": "create", "label": "Treffpunkte",
                                           "card_ids": [cards[0]["id"], cards[1]["id"]]})
        group_id = group["group"]["id"]
        self.call(host, "group", {"action": "rename", "group_id": group_id, "label": "Orte"})
        self.call(host, "group", {"action": "remove", "card_id": cards[1]["id"]})
        self.call(host, "group", {"action": "add", "group_id": group_id,
                                  "card_id": cards[1]["id"]})
        agreement = self.call(host, "agreement", {
            "island_id": island_a.id, "what": "Treffen planen", "who": "Kim", "due": "Mai",
            "card_ids": [cards[0]["id"]]})["agreement"]
        self.call(host, "agreement", {"island_id": island_a.id, "id": agreement["id"],
                                      "what": "Treffen", "who": "", "due": ""})
        participant_id = db.session.scalar(db.select(Participant.id))
        for action in ("hide", "unhide", "approve"):
            self.call(staff, "moderate_profile", {"participant_id": participant_id,
                                                  "action": action})
        self.call(staff, "room_stats", {})
        self.call(projector, "room_stats", {})
        self.call(staff, "run", {"action": "timer", "timer": "start", "seconds": 600})
        self.call(staff, "run", {"action": "timer", "timer": "pause"})
        self.call(staff, "run", {"action": "phase", "phase": "vote"})
        self.call(phone, "vote", {"card_id": cards[0]["id"]})
        self.call(phone, "unvote", {"card_id": cards[0]["id"]})
        self.call(phone, "vote", {"card_id": cards[2]["id"]})
        self.call(staff, "run", {"action": "phase", "phase": "collect"})
        self.call(staff, "group", {"action": "dissolve", "group_id": group_id})
        self.clients = {"not_joined": socket_client(), "phone": phone, "projector": projector,
                        "host": host, "facilitator": staff}
        self.ids = sorted({event.id, island_a.id, island_b.id, case_a.id, group_id,
                           agreement["id"], participant_id, *(c["id"] for c in cards),
                           *(c.id for c in event.categories)})
        self.ids_by_name = {
            "event_id": [event.id], "island_id": [island_a.id, island_b.id],
            "case_id": [case_a.id, island_b.cases[0].id],
            "category_id": [c.id for c in event.categories]}
        self.strings = [event.join_code, event.projector_token, island_a.host_token,
                        island_b.host_token, "fuzz-card-0", "fuzz-card-new"]

    def call(self, sc, name: str, data: dict) -> dict:
        """A valid call of the scene; its payload becomes a template for the fuzz."""
        answer = sc.emit(name, data, callback=True)
        assert answer["ok"], (name, data, answer)
        self.templates[name].append(data)
        return answer

    def handlers(self) -> list[str]:
        """Every event a client may send, as the server has them registered."""
        return sorted(name for name in socketio.server.handlers["/"]
                      if name not in RESERVED_EVENTS)


@pytest.fixture
def scene(app, event, client, auth, socket_client, facilitator):
    """The running event, and the log and database watched from here on."""
    auth.login()
    made = Scene(app, event, client, socket_client, facilitator)
    problems = Problems()
    logging.getLogger().addHandler(problems)
    writes = Writes(db.engine)
    made.problems, made.writes = problems, writes
    yield made
    writes.close()
    logging.getLogger().removeHandler(problems)


# --- what Hypothesis draws ---------------------------------------------------------------

def values(scene: Scene) -> st.SearchStrategy:
    """One payload value: mostly plausible (existing ids, known words), often hostile."""
    text = st.text(st.characters(exclude_categories=()), max_size=40)
    scalar = st.one_of(
        st.sampled_from(scene.ids), st.sampled_from(HUGE), st.integers(),
        st.sampled_from(WORDS), st.sampled_from(scene.strings), st.sampled_from(HALF_EMOJIS),
        text, st.none(), st.booleans(), st.floats(), st.just("x" * 5000),
        st.sampled_from([str(i) for i in scene.ids] + ["1e3", " 1", "٣", "²", "-1", "0x1"]))
    return st.recursive(scalar, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(WORDS), inner,
                                                     max_size=3)), max_leaves=6)


def payloads(scene: Scene, name: str) -> st.SearchStrategy:
    """A recorded valid payload with some keys replaced, dropped or added; or anything."""
    value = values(scene)
    keys = st.one_of(st.sampled_from(WORDS), st.text(max_size=8))
    templates = scene.templates.get(name) or [{}]

    @st.composite
    def mutated(draw):
        data = dict(draw(st.sampled_from(templates)))
        for key in draw(st.lists(st.sampled_from(sorted(data) or ["x"]), max_size=2)):
            if draw(st.booleans()):
                data.pop(key, None)
            else:
                data[key] = draw(value)
        data.update(draw(st.dictionaries(keys, value, max_size=2)))
        return data

    return st.one_of(mutated(), st.sampled_from(templates),
                     st.dictionaries(keys, value, max_size=6), value)


def event_names(scene: Scene) -> st.SearchStrategy:
    """Mostly the handlers there are; sometimes reserved, unknown or odd names."""
    odd = st.one_of(st.sampled_from(sorted(RESERVED_EVENTS)), st.sampled_from(WORDS),
                    st.text(st.characters(exclude_categories=()), max_size=20))
    handlers = st.sampled_from(scene.handlers())
    return st.integers(0, 9).flatmap(lambda n: handlers if n < 8 else odd)


def as_a_new_request() -> None:
    """Forget who the last request was: the tests share one app context (and so flask.g,
    where Flask-Login keeps the user), which a real request never does."""
    g.pop("_login_user", None)
    flask_babel.refresh()


def check_call(scene: Scene, sc, name: str, data) -> dict:
    """One socket call, and everything that must hold for it."""
    as_a_new_request()
    before, logged = scene.writes.committed, len(scene.problems.records)
    answer = sc.emit(name, data, callback=True)
    assert isinstance(answer, dict) and isinstance(answer.get("ok"), bool), (name, data, answer)
    assert scene.problems.crashes() == [], (name, data)
    if not answer["ok"]:
        assert answer.get("error") != "server", (name, data, answer)
        assert isinstance(answer.get("message"), str) and answer["message"], answer
        assert scene.writes.committed == before, ("refused but wrote", name, data, answer)
    if name not in scene.handlers():
        assert answer["error"] in ("unknown_event", "malformed")  # malformed: undecodable
        assert len(scene.problems.records) == logged + 1  # one line, no traceback
    return answer


# --- the socket fuzz ---------------------------------------------------------------------

@pytest.mark.parametrize("state", STATES)
@fuzz_settings
@given(data=st.data())
def test_socket_calls_in_every_state(scene, state, data):
    sc = scene.clients[state]
    for _ in range(data.draw(st.integers(1, 4), label="calls")):
        name = data.draw(event_names(scene), label="event")
        check_call(scene, sc, name, data.draw(payloads(scene, name), label="payload"))


def test_every_handler_in_every_state_refuses_garbage(scene):
    """The same hostile payloads for each handler × state, whatever the draw of the fuzz."""
    garbage = [None, [], "x", 5, 2 ** 64, {}, {"": None}, {"id": 10 ** 30},
               {key: HALF_EMOJIS[0] for key in WORDS},
               {key: 2 ** 63 for key in WORDS}, {key: [[[[[1]]]]] for key in WORDS},
               {key: -1.5 for key in WORDS}, {key: {"a": "b"} for key in WORDS}]
    assert len(scene.handlers()) >= 14
    for state in STATES:
        for name in scene.handlers():
            for data in garbage:
                check_call(scene, scene.clients[state], name, data)


def raw_packets() -> st.SearchStrategy:
    """Socket.IO packets as a hostile client could type them."""
    nested = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
    body = st.one_of(st.text(max_size=60), nested,
                     st.builds(lambda n: '["card_submit",' + '{"a":' * n + "1" + "}" * n + "]",
                               st.integers(1, 3000)))
    text = st.builds(lambda kind, ack, rest: f"{kind}{ack}{rest}",
                     st.sampled_from(["2", "3", "0", "1", "4", "7", "x", ""]),
                     st.sampled_from(["", "1", "99", "9" * 120]), body)
    return st.one_of(text, st.binary(max_size=40).map(lambda b: b"2" + b))  # binary frames


@fuzz_settings
@given(data=st.data())
def test_raw_packets_get_an_answer_or_one_log_line(scene, data):
    phone = scene.clients["phone"]
    encoded = data.draw(raw_packets(), label="packet")
    before, logged = scene.writes.committed, len(scene.problems.records)
    phone.acks = None
    as_a_new_request()
    if isinstance(encoded, str) and encoded[:1] in ("0", "1"):
        encoded = "2" + encoded[1:]  # connect and disconnect packets end this client's test
    socketio.server._handle_eio_message(phone.eio_sid, encoded)
    assert scene.problems.crashes() == [], encoded[:200]
    answered = phone.acks is not None and phone.acks["args"][0].get("ok") is not None
    assert answered or len(scene.problems.records) <= logged + 1, encoded[:200]
    if not (answered and phone.acks["args"][0]["ok"]):
        assert scene.writes.committed == before, encoded[:200]
    assert phone.emit("room_stats", {}, callback=True) is not None  # still connected


# --- the HTTP fuzz -----------------------------------------------------------------------

def url_for_rule(rule, draw, scene: Scene) -> str:
    """An address for a route: mostly existing ids of the right kind and real tokens, often
    something hostile."""
    url = rule.rule
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if kind in ("IdConverter", "IntegerConverter"):
            right = st.sampled_from(scene.ids_by_name.get(name, scene.ids))
            value = str(draw(st.integers(0, 9).flatmap(lambda n, right=right: right if n < 7 else (
                st.one_of(st.sampled_from(scene.ids), st.sampled_from(HUGE),
                          st.integers(0, 10 ** 40))))))
        else:
            value = quote(draw(st.integers(0, 9).flatmap(lambda n: st.sampled_from(
                scene.strings) if n < 7 else st.one_of(st.text(max_size=30), st.sampled_from(
                    ["..", "%", "x.svg", "a/b", "phone.js", "%ff"])))),
                safe="/" if kind == "PathConverter" else "")
        url = re.sub(rf"<(?:[a-z]+(?:\([^)]*\))?:)?{name}>", lambda _m, v=value: v, url)
    return url


def bodies(scene: Scene) -> st.SearchStrategy:
    """Form fields, raw bytes under any content type, broken JSON and encodings."""
    field = st.one_of(st.sampled_from(WORDS + ["title", "date", "capacity", "email"]),
                      st.text(max_size=10))
    form_value = st.one_of(st.text(max_size=60), st.sampled_from([str(i) for i in scene.ids]),
                           st.sampled_from(["on", "comma", "2026-02-30", "99999-01-01",
                                            "x" * 100_000, "\x00"]))
    content_type = st.sampled_from([
        "application/x-www-form-urlencoded", "multipart/form-data",
        "multipart/form-data; boundary=x", "application/json", "text/plain",
        "application/x-www-form-urlencoded; charset=latin-1", ""])
    raw = st.builds(lambda data, ctype: {"data": data, "content_type": ctype},
                    st.binary(max_size=200) | st.sampled_from(
                        [b"%ff%fe=%c3%28", b"a=%", b"{", b'{"a":' * 500, b"--x\r\n\r\n"]),
                    content_type)
    form = st.builds(lambda fields: {"data": fields},
                     st.dictionaries(field, form_value, max_size=6))
    return st.one_of(st.just({}), form, raw)


@pytest.mark.parametrize("who", ["anonymous", "facilitator"])
@fuzz_settings
@given(data=st.data())
def test_http_routes(scene, client, app, who, data):
    # The signed-in client leaves the account's own pages alone, so it stays signed in.
    rules = [rule for rule in app.url_map.iter_rules()
             if who == "anonymous" or not rule.endpoint.startswith("auth.")]
    browser = client if who == "facilitator" else app.test_client()
    rule = data.draw(st.sampled_from(rules), label="route")
    url = url_for_rule(rule, data.draw, scene)
    query = data.draw(st.dictionaries(st.sampled_from(WORDS + ["lang", "next", "sep", "code"]),
                                      st.text(max_size=30), max_size=3), label="query")
    own, other = sorted(rule.methods), ["GET", "POST", "PUT", "DELETE", "PATCH"]
    method = data.draw(st.integers(0, 9).flatmap(
        lambda n: st.sampled_from(own if n < 8 else other)), label="method")
    body = data.draw(bodies(scene), label="body") if method != "GET" else {}
    cookie = st.builds(lambda name, value: f"{name}={value}", st.sampled_from(
        ["session", "remember_token", "lang"]), st.text(st.characters(
            min_codepoint=33, max_codepoint=126, exclude_characters=";,"), max_size=60))
    headers = data.draw(st.fixed_dictionaries({}, optional={
        "Cookie": cookie, "Accept-Language": st.text(st.characters(
            codec="latin-1", exclude_categories=("Cc",)), max_size=20),
        "If-Modified-Since": st.sampled_from(["yesterday", "Mon, 99 Foo 2026 99:99:99 GMT"]),
        "Range": st.sampled_from(["bytes=5-1", "bytes=-0", "lines=1-2"])}), label="headers")
    before = scene.writes.committed
    as_a_new_request()
    response = browser.open(url, method=method, query_string=query, headers=headers, **body)
    assert response.status_code < 500, (method, url, response.status_code)
    assert scene.problems.crashes() == [], (method, url)
    with browser.session_transaction() as session:
        refused = any(category == "error" for category, _ in session.pop("_flashes", []))
    if refused or 400 <= response.status_code < 500:
        assert scene.writes.committed == before, ("refused but wrote", method, url)
