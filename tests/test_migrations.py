"""Migrations: a facilitator's existing database upgrades without losing anything."""

import sqlite3

import flask_migrate
from sqlalchemy import inspect

from workshop import create_app
from workshop.extensions import db


def make_app(path):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "m"})


def test_upgrade_keeps_existing_cards_and_fills_new_columns(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    path = tmp_path / "old.sqlite3"
    app = make_app(path)
    with app.app_context():
        flask_migrate.upgrade(revision="b557924d4e86")  # the first schema
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO events (id, title, place, join_code, projector_token, phase, seq,"
                    " created_at) VALUES (1, 'Alt', '', 'ABCDEFGH', 'tok', 'collect', 1, "
                    "'2026-01-01 10:00:00')")
        con.execute("INSERT INTO islands (id, event_id, name, position) VALUES (1, 1, 'I', 0)")
        con.execute("INSERT INTO cases (id, island_id, title, situation, goal, position) "
                    "VALUES (1, 1, 'F', '', '', 0)")
        con.execute("INSERT INTO cards (id, event_id, island_id, case_id, client_id, kind, text,"
                    " detail, rev, created_at, updated_at) VALUES (1, 1, 1, 1, 'client-1', "
                    "'resource', 'Bleibt', '', 1, '2026-01-01 10:00:00', '2026-01-01 10:00:00')")
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT text, hidden, approved, group_id FROM cards").fetchall() == [
            ("Bleibt", 0, 1, None)]
        event = con.execute("SELECT dots_per_island, assignment, projector_view, premoderation "
                            "FROM events").fetchone()
        assert event == (3, "choose", "auto", 0)
        assert len(con.execute("SELECT host_token FROM islands").fetchone()[0]) >= 24
        island_link = con.execute("SELECT projector_token, host_token FROM islands").fetchone()
        assert len(island_link[0]) >= 24 and island_link[0] != island_link[1]


def test_migrations_match_the_models(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    app = make_app(tmp_path / "fresh.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set(db.metadata.tables)
        for name, table in db.metadata.tables.items():
            columns = {c["name"] for c in inspect(db.engine).get_columns(name)}
            assert columns == {c.name for c in table.columns}, name
        db.engine.dispose()
