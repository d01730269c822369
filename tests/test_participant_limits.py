"""One phone, one participant: joins, presence and the limits on phones' writes and joins.

Windows of the rate limits pass with time-machine, never with sleeps.
"""

from datetime import timedelta

import pytest
import time_machine

from workshop.errors import DomainError
from workshop.extensions import db
from workshop.models import Card, Participant, Vote, utcnow
from workshop.queries import room_stats
from workshop.services import events, participants, running

from .test_sockets import card_payload, join

VENUE = "203.0.113.7"  # one NAT address for a whole town hall


@pytest.fixture
def clock():
    """Time that moves only when the test says so (the rate limits read it)."""
    with time_machine.travel(utcnow().replace(microsecond=0), tick=False) as traveller:
        yield traveller


def test_repeated_joins_on_one_connection_give_one_voice(event, socket_client, clock):
    """The 60-dot attack: one connection, 20 joins, 3 dots each → 3 dots on the card."""
    author = socket_client()
    join(author, event, 0)
    card = author.emit("card_submit", card_payload(event), callback=True)["card"]
    running.set_phase(event.id, "vote")
    attacker = socket_client()
    tokens = set()
    for _ in range(20):
        tokens.add(join(attacker, event, 0)["token"])
        for _ in range(3):
            attacker.emit("vote", {"card_id": card["id"]}, callback=True)
        clock.shift(3)  # slower than the limit on writes: the joins themselves get through
    assert len(tokens) == 1
    assert db.session.query(Participant).count() == 2
    assert db.session.query(Vote).filter_by(card_id=card["id"]).count() == 3


def test_a_phone_keeps_its_token_on_a_new_connection(event, socket_client):
    first = socket_client()
    token = join(first, event, 0)["token"]
    first.disconnect()
    again = socket_client()
    assert join(again, event, token=token)["token"] == token
    assert join(again, event)["token"] == token  # the connection holds it now
    assert db.session.query(Participant).count() == 1


def test_a_closed_connection_frees_every_seat_it_held(event, socket_client):
    """A connection that joined two events closes: after the grace period neither its
    seats nor its head counts remain, on either event."""
    events.update_island(event.islands[0].id, "Insel A", 1)
    other = events.create_event(None, "Zweiter Dialog", None, "Schule")
    other_island = events.update_island(events.add_island(other.id, "Insel X").id, "Insel X", 1)
    phone = socket_client()
    for _ in range(3):
        join(phone, event, 0)
    answer = phone.emit("join", {"code": other.join_code, "island_id": other_island.id},
                        callback=True)
    assert answer["ok"], answer
    assert room_stats(event.id)["total"] == 1 and room_stats(other.id)["total"] == 1
    phone.disconnect()

    assert room_stats(event.id)["total"] == 1  # a locked screen keeps its seat a while
    with time_machine.travel(utcnow() + participants.PRESENCE_GRACE + timedelta(seconds=5)):
        assert room_stats(event.id)["total"] == 0 and room_stats(other.id)["total"] == 0
        for code, island_id in ((event.join_code, event.islands[0].id),
                                (other.join_code, other_island.id)):
            newcomer = participants.join(code)
            seated = participants.choose_island(newcomer.id, island_id)
            assert seated.island_id == island_id  # the seat is free again
        db.session.expire_all()
        assert all(p.left_at is not None for p in db.session.query(Participant)
                   if p.connection_id is not None)


def test_a_venue_behind_one_address_joins_within_a_minute(event, clock):
    """200 phones behind one NAT, arriving in bursts of ten, all get in within a minute."""
    joined = set()
    for burst in range(20):
        for n in range(10):
            joined.add(participants.join(event.join_code, None, None, f"phone-{burst}-{n}",
                                         VENUE).id)
        clock.shift(3)
    assert len(joined) == 200


def test_a_script_minting_participants_is_stopped_with_a_clear_message(event, clock,
                                                                      socket_client):
    made = refused = 0
    for n in range(300):  # hundreds in the same second, each on a new connection
        try:
            participants.join(event.join_code, None, None, f"script-{n}", VENUE)
            made += 1
        except DomainError as error:
            assert error.code == "too_many_joins"
            refused += 1
    assert made == 20 and refused == 280
    # Another address is not affected; the venue's next phones get in a second later.
    assert participants.join(event.join_code, None, None, "elsewhere", "198.51.100.1")
    phone = socket_client()
    answer = phone.emit("join", {"code": event.join_code}, callback=True)
    assert answer["ok"], answer  # the test client's address has its own count
    clock.shift(1.1)
    assert participants.join(event.join_code, None, None, "script-next", VENUE)


def test_the_phones_join_is_refused_in_german_when_its_address_is_over(event, socket_client,
                                                                      clock):
    for n in range(20):
        participants.join(event.join_code, None, None, f"c{n}", "127.0.0.1")
    answer = socket_client().emit("join", {"code": event.join_code}, callback=True)
    assert answer["ok"] is False and answer["error"] == "too_many_joins"
    assert answer["message"] == ("Gerade melden sich sehr viele Handys auf einmal an. "
                                 "Bitte in ein paar Sekunden noch einmal versuchen.")


def test_one_connection_makes_few_participants_even_across_events(event, clock):
    codes = [events.create_event(None, f"Dialog {n}", None, "Ort").join_code for n in range(4)]
    held = None
    for code in codes[:3]:
        held = participants.join(code, None, held, "one-connection", VENUE).id
    with pytest.raises(DomainError) as error:
        participants.join(codes[3], None, held, "one-connection", VENUE)
    assert error.value.code == "too_many_joins"
    clock.shift(61)
    assert participants.join(codes[3], None, held, "one-connection", VENUE).id != held


def test_wrong_join_codes_from_one_address_are_refused_before_looking(event, client, clock):
    for n in range(60):
        with pytest.raises(DomainError) as error:
            participants.event_by_code(f"FALSCH{n:02d}", VENUE)
        assert error.value.code == "wrong_code"
    with pytest.raises(DomainError) as error:
        participants.event_by_code(event.join_code, VENUE)  # even the right one, for now
    assert error.value.code == "too_many_wrong_codes"
    assert participants.event_by_code(event.join_code, "198.51.100.1").id == event.id
    clock.shift(61)
    assert participants.event_by_code(event.join_code, VENUE).id == event.id
    # The typed code on the landing page counts the same way and says so.
    for n in range(60):
        assert client.get(f"/join?code=FALSCH{n:02d}").status_code == 404
    page = client.get(f"/join?code={event.join_code}")
    assert page.status_code == 429
    assert "Zu viele falsche Zugangscodes." in page.get_data(as_text=True)


def test_a_burst_of_writes_is_stopped_and_changes_nothing(event, socket_client, clock):
    phone = socket_client()
    join(phone, event, 0)
    for n in range(39):  # with the join 40 writes: an offline phone's queue gets through
        answer = phone.emit("card_submit", card_payload(event, client_id=f"client-{n:04d}"),
                            callback=True)
        assert answer["ok"], answer
    answer = phone.emit("card_submit", card_payload(event, client_id="client-9999"),
                        callback=True)
    assert answer["ok"] is False and answer["error"] == "too_many_writes"
    assert answer["message"] == ("Das war zu schnell hintereinander. Bitte einen Moment "
                                 "warten und dann noch einmal versuchen.")
    for name, data in (("profile", {"organisation": "Verein"}), ("card_delete", {"card_id": 1}),
                       ("join", {"code": event.join_code}),
                       ("choose_island", {"island_id": event.islands[1].id}),
                       ("vote", {"card_id": 1}), ("unvote", {"card_id": 1}),
                       ("card_edit", {"card_id": 1, "text": "Anders"}), ("sync", {})):
        assert phone.emit(name, data, callback=True)["error"] == "too_many_writes", name
    assert db.session.query(Card).count() == 39
    assert db.session.query(Participant).one().organisation is None
    clock.shift(11)
    answer = phone.emit("card_submit", card_payload(event, client_id="client-9999"),
                        callback=True)
    assert answer["ok"], answer


def test_writes_over_ten_minutes_are_limited_too(event, socket_client, clock):
    phone = socket_client()
    join(phone, event, 0)
    for n in range(299):  # and the join: 300
        assert phone.emit("profile", {"organisation": f"Verein {n}"}, callback=True)["ok"]
        clock.shift(1)
    assert phone.emit("profile", {"organisation": "Noch einer"},
                      callback=True)["error"] == "too_many_writes"
    clock.shift(10 * 60)
    assert phone.emit("profile", {"organisation": "Später"}, callback=True)["ok"]


def test_a_bigger_venue_raises_the_joins_per_address(tmp_path, monkeypatch, clock):
    """WORKSHOP_JOINS_PER_ADDRESS, as the README writes it."""
    from workshop import create_app
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_JOINS_PER_ADDRESS", "50/second;1000/minute;5000/hour")
    app = create_app({"SECRET_KEY": "test"})
    limits = app.extensions["rate_limits"]
    assert sum(limits.hit("participant_per_address", VENUE) for _ in range(60)) == 50
    monkeypatch.setenv("WORKSHOP_JOINS_PER_ADDRESS", "viele pro Minute")
    with pytest.raises(RuntimeError, match="WORKSHOP_JOINS_PER_ADDRESS"):
        create_app({"SECRET_KEY": "test"})
