"""Limits that hold when requests arrive at once: dots per island and card, seats per island.

SQLite queues writers in the process; PostgreSQL needs a row lock taken before the counting.
The first tests check that order on SQLite; the last runs the race on PostgreSQL (database
`test` at 127.0.0.1:5432) and skips without it.
"""

import threading

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy.dialects import postgresql

from tests.support.postgres import fresh_schema
from workshop import create_app
from workshop.config import normalize_database_url
from workshop.extensions import db
from workshop.models import Event, Participant, Vote
from workshop.services import cards, events, participants, running, votes

from .conftest import category_id

LOCK = "FOR NO KEY UPDATE"


def statements(call) -> list[str]:
    """The SQL a call runs, as PostgreSQL would get it."""
    seen = []
    session = db.session()

    def record(state):
        seen.append(str(state.statement.compile(dialect=postgresql.dialect())))

    sa_event.listen(session, "do_orm_execute", record)
    try:
        call()
    finally:
        sa_event.remove(session, "do_orm_execute", record)
    return seen


def locks_before_counting(sql: list[str]) -> bool:
    first_lock = next(i for i, s in enumerate(sql) if LOCK in s)
    first_count = next(i for i, s in enumerate(sql) if "count(" in s)
    return first_lock < first_count


def prepare_vote(event):
    running.set_phase(event.id, "collect")
    running.update_settings(event.id, premoderation=False, dots_per_island=2,
                            max_dots_per_card=1, assignment="choose", fields_of_work="",
                            projector_view="auto")
    phone = participants.choose_island(participants.join(event.join_code).id,
                                       event.islands[0].id)
    card, _ = cards.submit_card(phone.id, "client-0001", event.islands[0].cases[0].id,
                                "resource", category_id(event, "resource"), "Familienzentrum")
    running.set_phase(event.id, "vote")
    return phone, card


def test_a_dot_locks_the_participant_before_counting(event):
    phone, card = prepare_vote(event)
    phone_id, card_id = phone.id, card.id
    sql = statements(lambda: votes.cast(phone_id, card_id))
    assert LOCK in sql[0] and "FROM participants" in sql[0]
    assert locks_before_counting(sql)
    sql = statements(lambda: votes.withdraw(phone_id, card_id))
    assert LOCK in sql[0] and "FROM participants" in sql[0]


def test_seating_locks_the_islands_before_counting(event):
    island_id = event.islands[0].id
    events.update_island(island_id, "Insel A", 5)
    phone_id = participants.join(event.join_code).id
    sql = statements(lambda: participants.choose_island(phone_id, island_id))
    assert locks_before_counting(sql)
    assert any(LOCK in s and "FROM islands" in s for s in sql)
    newcomer_id = participants.join(event.join_code).id
    sql = statements(lambda: participants.assign_island(newcomer_id))
    assert locks_before_counting(sql)
    assert any(LOCK in s and "FROM islands" in s for s in sql)


# --- the race itself, on PostgreSQL --------------------------------------------------------

@pytest.fixture
def pg_app(tmp_path, monkeypatch):
    """The app on a fresh PostgreSQL schema, dropped afterwards."""
    with fresh_schema("limits") as (url, _admin, _schema):
        monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
        app = create_app({
            "TESTING": True, "SECRET_KEY": "test", "WORKSHOP_PUBLIC_URL": "http://workshop.test",
            "SQLALCHEMY_DATABASE_URI": normalize_database_url(url),
        })
        with app.app_context():
            db.create_all()
            yield app
            db.session.remove()
            db.engine.dispose()


def at_once(app, calls) -> list:
    """Run the calls in threads released together; returns each result or error code."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        with app.app_context():
            start.wait()
            try:
                results[i] = call()
            except Exception as error:  # noqa: BLE001 - reported as the result
                results[i] = getattr(error, "code", repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_limits_hold_under_concurrent_requests_on_postgres(pg_app):
    ev = events.create_event(None, "Gleichzeitig", None, "")
    island = events.add_island(ev.id, "Insel A")
    events.add_case(island.id, "Fall A", "", "")
    events.update_island(island.id, "Insel A", 3)
    ev = db.session.get(Event, ev.id)
    phone, card = prepare_vote(ev)
    event_id, phone_id, card_id = ev.id, phone.id, card.id
    running.update_settings(event_id, premoderation=False, dots_per_island=2,
                            max_dots_per_card=None, assignment="choose", fields_of_work="",
                            projector_view="auto")
    at_once(pg_app, [lambda: votes.cast(phone_id, card_id)] * 8)
    assert db.session.query(Vote).filter_by(participant_id=phone_id).count() == 2

    newcomers = [participants.join(ev.join_code).id for _ in range(8)]
    island_id = island.id
    at_once(pg_app, [lambda p=p: participants.choose_island(p, island_id) for p in newcomers])
    assert db.session.query(Participant).filter_by(island_id=island_id).count() == 3
