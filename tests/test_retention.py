"""Retention: events delete themselves a configured number of days after their date."""

import sqlite3
from datetime import date, timedelta

import pytest

from tests.support.server import flask_cli
from workshop.errors import DomainError
from workshop.extensions import db
from workshop.models import Card, Event, Participant
from workshop.services import cards, events, participants, retention
from workshop.services.retention import DEFAULT_DAYS

TODAY = date(2026, 12, 1)


def dated(title, days_ago):
    return events.create_event(None, title, TODAY - timedelta(days=days_ago), "Rathaus")


@pytest.mark.parametrize(("setting", "days"), [
    (None, DEFAULT_DAYS), ("", DEFAULT_DAYS), ("30", 30), (" 7 ", 7), ("off", None),
    ("OFF", None)])
def test_retention_setting(setting, days):
    assert retention.retention_days(setting) == days


@pytest.mark.parametrize("setting", ["0", "-3", "30d", "drei", "²", "99999"])
def test_a_bad_retention_setting_is_refused_not_guessed(setting):
    with pytest.raises(DomainError) as raised:
        retention.retention_days(setting)
    assert raised.value.code == "bad_retention"


def test_events_older_than_the_retention_go_with_all_their_data(app, event):
    db.session.get(Event, event.id).event_date = TODAY - timedelta(days=31)
    db.session.commit()
    phone = participants.join(event.join_code, None)
    island = event.islands[0]
    participants.choose_island(phone.id, island.id)
    category = next(c.id for c in event.categories if c.kind == "resource")
    cards.submit_card(phone.id, "client-0001", island.cases[0].id, "resource", category,
                      "Jugendtreff")
    kept = dated("Gestern", 1)
    on_the_day = dated("Genau 30 Tage", 30)

    gone = retention.purge_events(30, TODAY)

    assert [e["title"] for e in gone] == ["Sozialraumdialog Test"]
    assert {e.id for e in db.session.query(Event)} == {kept.id, on_the_day.id}
    assert db.session.query(Card).count() == 0 and db.session.query(Participant).count() == 0


def test_an_event_without_a_date_counts_from_the_day_it_was_created(app):
    undated = events.create_event(None, "Ohne Datum", None, "")
    undated.created_at -= timedelta(days=100)
    db.session.commit()
    assert [e["id"] for e in retention.due_events(90, date.today())] == [undated.id]


def test_purge_command_as_in_the_readme(app, runner):
    old = events.create_event(None, "Alt", date.today() - timedelta(days=DEFAULT_DAYS + 1), "")
    recent = events.create_event(None, "Neu", date.today(), "")
    listed = runner.invoke(args=["purge-events", "--dry-run"])
    assert "Würde löschen: Alt" in listed.output and "Neu" not in listed.output
    assert db.session.get(Event, old.id) is not None
    result = runner.invoke(args=["purge-events"])
    assert result.exit_code == 0, result.output
    assert "Gelöscht: Alt" in result.output
    db.session.expire_all()
    assert [e.id for e in db.session.query(Event)] == [recent.id]


def test_purge_command_switched_off_or_misconfigured(app, runner):
    events.create_event(None, "Alt", date(2020, 1, 1), "")
    app.config["WORKSHOP_RETENTION_DAYS"] = "off"
    assert "ausgeschaltet" in runner.invoke(args=["purge-events"]).output
    app.config["WORKSHOP_RETENTION_DAYS"] = "90 Tage"
    bad = runner.invoke(args=["purge-events"])
    assert bad.exit_code != 0 and "WORKSHOP_RETENTION_DAYS" in bad.output
    assert db.session.query(Event).count() == 1


def test_retention_days_come_from_the_environment(monkeypatch, tmp_path):
    from workshop.config import from_environment
    monkeypatch.setenv("WORKSHOP_RETENTION_DAYS", "14")
    assert from_environment(str(tmp_path))["WORKSHOP_RETENTION_DAYS"] == "14"


def test_the_purge_commands_of_the_readme_run_as_written(tmp_path):
    """`flask --app workshop purge-events [--dry-run]` in a fresh instance, as cron runs it."""
    flask_cli(tmp_path, "db", "upgrade")
    flask_cli(tmp_path, "seed-demo")
    with sqlite3.connect(tmp_path / "workshop.sqlite3") as con:
        con.execute("UPDATE events SET event_date = '2020-01-01'")
    listed = flask_cli(tmp_path, "purge-events", "--dry-run")
    assert "Würde löschen:" in listed and "(01.01.2020)" in listed
    assert "Automatisches Löschen ist ausgeschaltet" in flask_cli(
        tmp_path, "purge-events", extra_env={"WORKSHOP_RETENTION_DAYS": "off"})
    assert "Gelöscht:" in flask_cli(tmp_path, "purge-events")
    with sqlite3.connect(tmp_path / "workshop.sqlite3") as con:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
