"""Sozialräume: an account sees only the events of its Sozialräume; admins manage the teams."""

import sqlite3

import flask_migrate
import pytest

from tests.conftest import PASSWORD
from tests.support.postgres import fresh_schema
from workshop import create_app
from workshop.config import normalize_database_url
from workshop.extensions import db
from workshop.models import Event, Membership
from workshop.services import accounts, events, sozialraeume


@pytest.fixture
def other_event(app, event, facilitator):
    """An event of a second Sozialraum, of which the facilitator is no member."""
    other = sozialraeume.create("Ottobrunn")
    ev = events.create_event(None, "Dialog Ottobrunn", None, "Rathaus", other.id)
    island = events.add_island(ev.id, "Insel O")
    events.add_case(island.id, "Fall O", "Situation", "Ziel")
    return db.session.get(Event, ev.id)


def test_the_first_account_is_admin_and_joins_the_only_sozialraum(app, event):
    first = accounts.create_facilitator("eins@example.org", "Eins", PASSWORD)
    second = accounts.create_facilitator("zwei@example.org", "Zwei", PASSWORD)
    assert (first.is_admin, second.is_admin) == (True, False)
    assert {m.facilitator_id for m in db.session.query(Membership)} == {first.id, second.id}
    assert {m.sozialraum_id for m in db.session.query(Membership)} == {event.sozialraum_id}


def test_with_several_sozialraeume_a_new_account_joins_none(app, event):
    sozialraeume.create("Ottobrunn")
    account = accounts.create_facilitator("neu@example.org", "Neu", PASSWORD)
    assert db.session.query(Membership).filter_by(facilitator_id=account.id).count() == 0


OTHER_PAGES = [
    "/admin/events/{id}", "/admin/events/{id}/live", "/admin/events/{id}/table-tents",
    "/admin/events/{id}/photos", "/admin/events/{id}/export.csv",
    "/admin/events/{id}/export-agreements.csv", "/admin/events/{id}/export-profiles.csv",
    "/admin/events/{id}/export-directory.csv", "/admin/events/{id}/directory",
    "/admin/events/{id}/export.json", "/admin/events/{id}/report.xlsx",
    "/admin/events/{id}/photos/1.jpg",
]


def test_a_member_of_one_sozialraum_gets_404_for_another_sozialraums_event(
        client, auth, event, other_event):
    auth.login()
    listing = client.get("/admin/").get_data(as_text=True)
    assert "Sozialraumdialog Test" in listing and "Dialog Ottobrunn" not in listing
    assert client.get(f"/admin/events/{event.id}").status_code == 200
    assert client.get(f"/admin/events/{event.id}/export.csv").status_code == 200
    for page in OTHER_PAGES:
        assert client.get(page.format(id=other_event.id)).status_code == 404, page


def test_changes_to_another_sozialraums_event_are_refused_and_change_nothing(
        client, auth, other_event):
    auth.login()
    island = other_event.islands[0]
    case, category = island.cases[0], other_event.categories[0]
    for path, data in [
        (f"/admin/events/{other_event.id}", {"title": "Übernommen"}),
        (f"/admin/events/{other_event.id}/phase", {"phase": "vote"}),
        (f"/admin/events/{other_event.id}/islands", {"name": "Neu"}),
        (f"/admin/events/{other_event.id}/copy", {}),
        (f"/admin/events/{other_event.id}/delete", {"title": "Dialog Ottobrunn"}),
        (f"/admin/islands/{island.id}", {"name": "Übernommen"}),
        (f"/admin/islands/{island.id}/cases", {"title": "Neu"}),
        (f"/admin/cases/{case.id}", {"title": "Übernommen"}),
        (f"/admin/categories/{category.id}", {"label": "Übernommen"}),
    ]:
        assert client.post(path, data=data).status_code == 404, path
    db.session.expire_all()
    kept = db.session.get(Event, other_event.id)
    assert (kept.title, kept.phase, len(kept.islands)) == ("Dialog Ottobrunn", "arrival", 1)
    assert kept.islands[0].name == "Insel O" and kept.islands[0].cases[0].title == "Fall O"
    assert db.session.query(Event).count() == 2


def test_socket_watch_of_another_sozialraums_event_is_refused(
        client, auth, event, other_event, socket_client):
    auth.login()
    staff = socket_client(client)
    assert staff.emit("watch", {"event_id": other_event.id}, callback=True)["ok"] is False
    assert staff.emit("watch", {"event_id": event.id}, callback=True)["ok"] is True


def test_new_events_go_to_a_chosen_sozialraum_of_the_account(client, auth, facilitator, event,
                                                             other_event):
    auth.login()
    page = client.get("/admin/").get_data(as_text=True)
    assert 'name="sozialraum"' not in page  # one Sozialraum: nothing to choose
    client.post("/admin/events", data={"title": "Eigener Dialog"})
    mine = db.session.query(Event).filter_by(title="Eigener Dialog").one()
    assert mine.sozialraum_id == event.sozialraum_id and mine.owner_id == facilitator.id
    # Someone else's Sozialraum cannot be named in the form.
    client.post("/admin/events", data={"title": "Fremd", "sozialraum": other_event.sozialraum_id})
    assert db.session.query(Event).filter_by(title="Fremd").count() == 0
    sozialraeume.set_members(other_event.sozialraum_id, [facilitator.id])
    assert 'name="sozialraum"' in client.get("/admin/").get_data(as_text=True)
    answer = client.post("/admin/events", data={"title": "Ohne Wahl"}, follow_redirects=True)
    assert "Bitte einen Ihrer Sozialräume wählen." in answer.get_data(as_text=True)
    client.post("/admin/events", data={"title": "Dort", "sozialraum": other_event.sozialraum_id})
    assert db.session.query(Event).filter_by(title="Dort").one().sozialraum_id == \
        other_event.sozialraum_id


def test_only_admins_manage_sozialraeume(client, auth, facilitator, event):
    colleague = accounts.create_facilitator("kollegin@example.org", "Kollegin", PASSWORD)
    assert facilitator.is_admin and not colleague.is_admin
    auth.login(email="kollegin@example.org")
    assert client.get("/admin/sozialraeume/").status_code == 404
    assert client.post("/admin/sozialraeume/", data={"name": "Heimlich"}).status_code == 404
    auth.logout()
    auth.login()
    assert "Kollegin" in client.get("/admin/sozialraeume/").get_data(as_text=True)
    client.post("/admin/sozialraeume/", data={"name": "Ottobrunn"})
    page = client.get("/admin/sozialraeume/").get_data(as_text=True)
    assert "Ottobrunn" in page
    answer = client.post("/admin/sozialraeume/", data={"name": "Ottobrunn"},
                         follow_redirects=True)
    assert "Einen Sozialraum mit diesem Namen gibt es schon." in answer.get_data(as_text=True)
    ottobrunn = next(s for s in sozialraeume_overview() if s["name"] == "Ottobrunn")
    client.post(f"/admin/sozialraeume/{ottobrunn['id']}/members",
                data={"account": [str(colleague.id)]})
    assert next(s for s in sozialraeume_overview()
                if s["name"] == "Ottobrunn")["members"] == {colleague.id}


def sozialraeume_overview():
    from workshop.sozialraum_queries import overview
    return overview()["sozialraeume"]


def test_the_migration_moves_every_event_and_account_into_a_first_sozialraum(
        tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    path = tmp_path / "old.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "m"})
    with app.app_context():
        flask_migrate.upgrade(revision="f3a8d1c6b270")
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        for account_id in (1, 2):
            con.execute("INSERT INTO facilitators (id, email, name, password_hash, created_at, "
                        "active) VALUES (?, ?, 'M', 'x', '2026-01-01 10:00:00', 1)",
                        (account_id, f"m{account_id}@example.org"))
        for event_id in (1, 2):
            con.execute("INSERT INTO events (id, title, place, join_code, projector_token, "
                        "phase, seq, created_at, premoderation, dots_per_island, assignment, "
                        "fields_of_work, projector_view, timer_duration_s) VALUES (?, 'Alt', "
                        "'', ?, ?, 'collect', 1, '2026-01-01 10:00:00', 0, 3, 'choose', '', "
                        "'auto', 0)", (event_id, f"CODE{event_id}", f"tok{event_id}"))
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT id, name FROM sozialraeume").fetchall() == [
            (1, "Mein Sozialraum")]
        assert con.execute("SELECT sozialraum_id FROM events").fetchall() == [(1,), (1,)]
        assert con.execute("SELECT sozialraum_id, facilitator_id FROM sozialraum_members "
                           "ORDER BY facilitator_id").fetchall() == [(1, 1), (1, 2)]
        assert con.execute("SELECT is_admin FROM facilitators").fetchall() == [(1,), (1,)]
    with app.app_context():
        flask_migrate.downgrade(revision="f3a8d1c6b270")
        db.engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (2,)


def test_import_event_on_the_command_line_names_the_sozialraum_when_there_are_several(
        app, client, auth, event, runner, tmp_path):
    auth.login()
    path = tmp_path / "export.json"
    path.write_bytes(client.get(f"/admin/events/{event.id}/export.json").data)
    ottobrunn_id = sozialraeume.create("Ottobrunn").id
    result = runner.invoke(args=["import-event", str(path)])
    assert result.exit_code != 0 and "--sozialraum NAME" in result.output
    result = runner.invoke(args=["import-event", str(path), "--sozialraum", "Nirgendwo"])
    assert result.exit_code != 0 and "Nirgendwo" in result.output
    result = runner.invoke(args=["import-event", str(path), "--sozialraum", "Ottobrunn"])
    assert result.exit_code == 0, result.output
    imported = db.session.query(Event).filter(Event.id != event.id).one()
    assert imported.sozialraum_id == ottobrunn_id


def test_the_migration_moves_existing_data_on_postgresql(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    with fresh_schema("sozialraum_migration") as (url, admin, schema):
        app = create_app({"SQLALCHEMY_DATABASE_URI": normalize_database_url(url),
                          "SECRET_KEY": "m"})
        with app.app_context():
            flask_migrate.upgrade(revision="f3a8d1c6b270")
            db.engine.dispose()
        admin.execute(f'SET search_path TO "{schema}"')
        admin.execute("INSERT INTO facilitators (email, name, password_hash, created_at, active) "
                      "VALUES ('m@example.org', 'M', 'x', now(), true)")
        admin.execute("INSERT INTO events (title, place, join_code, projector_token, phase, seq, "
                      "created_at, premoderation, dots_per_island, assignment, fields_of_work, "
                      "projector_view, timer_duration_s) VALUES ('Alt', '', 'CODE1', 'tok1', "
                      "'collect', 1, now(), false, 3, 'choose', '', 'auto', 0)")
        with app.app_context():
            flask_migrate.upgrade()
            db.engine.dispose()
        first = admin.execute("SELECT id FROM sozialraeume WHERE name = 'Mein Sozialraum'"
                              ).fetchone()[0]
        assert admin.execute("SELECT sozialraum_id FROM events").fetchall() == [(first,)]
        assert admin.execute("SELECT sozialraum_id FROM sozialraum_members").fetchall() == [
            (first,)]
        assert admin.execute("SELECT is_admin FROM facilitators").fetchall() == [(True,)]


def test_with_several_sozialraeume_the_list_names_each_events_sozialraum(
        client, auth, facilitator, event, other_event):
    sozialraeume.set_members(other_event.sozialraum_id, [facilitator.id])
    auth.login()
    page = client.get("/admin/").get_data(as_text=True)
    assert "Rathaus · Mein Sozialraum" in page and "Rathaus · Ottobrunn" in page


def test_every_admin_address_naming_another_sozialraums_event_is_404(
        app, client, auth, other_event):
    """Found from the URL map, so a blueprint added later is checked too."""
    auth.login()
    island = other_event.islands[0]
    ids = {"event_id": other_event.id, "island_id": island.id,
           "case_id": island.cases[0].id, "category_id": other_event.categories[0].id}
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin/") or not set(rule.arguments) & set(ids):
            continue
        if not set(rule.arguments) <= set(ids):
            continue
        path = rule.build(ids)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(path, method=method, data={"view": "overview"})
            assert response.status_code == 404, (method, rule.rule, response.status_code)
            checked += 1
    assert checked >= 30
    db.session.expire_all()
    assert db.session.get(Event, other_event.id).projector_view != "overview"
