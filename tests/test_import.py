"""The JSON export read back: the same event in another installation; events as templates."""

import io
import json

import pytest

from workshop import create_app
from workshop.extensions import db
from workshop.models import Card, Event, Participant, Vote
from workshop.queries import room_stats
from workshop.services import event_import, running

from .test_export import session  # noqa: F401  (the exported session, shared)

IDS = {"id", "event_id", "island_id", "case_id", "card_id", "group_id", "card_ids",
       "category_id", "join_code"}


def _without_ids(value):
    """The export's content with every id and the join code left out (they differ)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in IDS}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _export(client, event_id: int) -> dict:
    response = client.get(f"/admin/events/{event_id}/export.json")
    assert response.status_code == 200
    return json.loads(response.data)


def test_export_import_export_gives_the_same_content(client, auth, event, session, tmp_path,  # noqa: F811
                                                     monkeypatch):
    running.update_settings(event.id, premoderation=True, dots_per_island=4,
                            max_dots_per_card=2, assignment="auto",
                            fields_of_work="Schule\nKita", projector_view="room")
    auth.login()
    first = _export(client, event.id)
    assert first["settings"]["max_dots_per_card"] == 2
    # another installation: a second app on a database of its own
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "other"))
    other = create_app({"TESTING": True, "SECRET_KEY": "other", "WTF_CSRF_ENABLED": False,
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'other.sqlite3'}",
                        "WORKSHOP_PUBLIC_URL": "http://other.test"})
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    with other.app_context():
        db.create_all()
        result = other.test_cli_runner().invoke(args=["import-event", str(path)])
        assert result.exit_code == 0, result.output
        assert "Veranstaltung importiert: Sozialraumdialog Test" in result.output
        imported = db.session.scalar(db.select(Event))
        assert imported.join_code != event.join_code
        # the imported people have left long ago: none of them is in the room
        assert room_stats(imported.id)["total"] == 0
        from workshop.services import accounts
        accounts.create_facilitator("mod@example.org", "Moderation", "richtig-langes-passwort")
        other_client = other.test_client()
        other_client.post("/login", data={"email": "mod@example.org",
                                          "password": "richtig-langes-passwort"})
        second = _export(other_client, imported.id)
        db.session.remove()
        db.engine.dispose()
    assert _without_ids(second) == _without_ids(first)
    assert len(second["cards"]) == 6 and len(second["agreements"]) == 2


def test_import_refuses_a_file_that_is_no_export(app):
    for data in (None, [], {"format": "other"}, {"format": "workshop-export/1"},
                 {"format": "workshop-export/1", "event": {"title": "x", "islands": [],
                                                           "categories": [{"kind": "bad",
                                                                           "label": "x"}]}}):
        with pytest.raises(event_import.DomainError) as refused:
            event_import.import_event(data)
        assert refused.value.code == "bad_import"
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 0


def test_import_upload_on_the_admin_page(client, auth, event, session):  # noqa: F811
    auth.login()
    body = client.get(f"/admin/events/{event.id}/export.json").data
    page = client.get("/admin/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    response = client.post("/admin/import", data={"file": (io.BytesIO(body), "export.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert new_id != event.id
    assert _without_ids(_export(client, new_id))["cards"] == _without_ids(
        _export(client, event.id))["cards"]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "ist importiert" in html


def test_import_upload_of_a_wrong_file_says_so_and_stores_nothing(client, auth, event):
    auth.login()
    for content in (b"not json", b'{"format": "workshop-export/1"}', "Ä".encode("latin-1")):
        response = client.post("/admin/import", follow_redirects=True,
                               data={"file": (io.BytesIO(content), "x.json")},
                               content_type="multipart/form-data")
        assert "kein vollständiger JSON-Export" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 1


def test_import_event_cli_refuses_a_wrong_file(runner, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    result = runner.invoke(args=["import-event", str(path)])
    assert result.exit_code != 0 and "kein vollständiger JSON-Export" in result.output


def test_copy_as_template_takes_structure_and_settings_only(client, auth, event, session):  # noqa: F811
    running.update_settings(event.id, premoderation=True, dots_per_island=7,
                            max_dots_per_card=None, assignment="auto",
                            fields_of_work="Schule\nKita", projector_view="wall")
    auth.login()
    response = client.post(f"/admin/events/{event.id}/copy")
    assert response.status_code == 302
    copy = db.session.scalar(db.select(Event).where(Event.id != event.id))
    assert copy.title == "Sozialraumdialog Test (Vorlage)"
    assert [i.name for i in copy.islands] == ["Insel A", "Insel B"]
    assert [(c.title, c.situation, c.goal) for c in copy.islands[0].cases] == [
        ("Fall A", "Situation", "Ziel")]
    assert [(c.kind, c.label) for c in copy.categories] == [
        (c.kind, c.label) for c in db.session.get(Event, event.id).categories]
    assert (copy.premoderation, copy.dots_per_island, copy.assignment, copy.projector_view,
            copy.fields_of_work, copy.phase) == (True, 7, "auto", "wall", "Schule\nKita",
                                                  "arrival")
    for model in (Card, Participant, Vote):
        assert db.session.scalar(db.select(db.func.count(model.id)).where(
            model.event_id == copy.id)) == 0
    assert copy.join_code != event.join_code


def test_event_page_offers_copy_and_import(client, auth, event):
    auth.login()
    html = client.get(f"/admin/events/{event.id}").get_data(as_text=True)
    assert f'action="/admin/events/{event.id}/copy"' in html and 'href="/admin/import"' in html
    assert 'href="/admin/import"' in client.get("/admin/").get_data(as_text=True)


def test_the_readme_command_imports_a_file(client, auth, event, session, tmp_path):  # noqa: F811
    """README: `.venv/bin/flask --app workshop import-event workshop-Dialog-2025-03-14.json`."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    auth.login()
    (tmp_path / "workshop-Dialog-2025-03-14.json").write_bytes(
        client.get(f"/admin/events/{event.id}/export.json").data)
    flask = str(Path(sys.executable).parent / "flask")
    env = {**os.environ, "WORKSHOP_INSTANCE_PATH": str(tmp_path / "instance"),
           "WORKSHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'readme.sqlite3'}"}
    for args in (["db", "upgrade"], ["import-event", "workshop-Dialog-2025-03-14.json"]):
        result = subprocess.run([flask, "--app", "workshop", *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
    assert "Veranstaltung importiert: Sozialraumdialog Test" in result.stdout
