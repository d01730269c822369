"""HTTP views with the Flask test client: login, preparation forms, pages, headers."""

import gzip
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import brotli
import pytest
from limits import parse_many

from workshop import create_app
from workshop.extensions import db
from workshop.models import Case, Event, Island
from workshop.rate_limits import DEFAULTS
from workshop.services import accounts


def test_healthz(client):
    assert client.get("/healthz").status_code == 200


def test_admin_needs_login(client, facilitator):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_login_wrong_password_shows_message(client, auth):
    response = auth.login(password="falsch")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert ('<p id="login-error" class="error" role="alert">E-Mail oder Passwort stimmt nicht.'
            in page)
    # The e-mail stays (WCAG 3.3.7); both fields point at the message.
    assert 'value="mod@example.org" aria-invalid="true" aria-describedby="login-error"' in page


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example",
    "/\\/evil.example", "/\t/evil.example", "\t//evil.example", "javascript:alert(1)",
    "http:/evil.example", "evil.example"])
def test_login_redirect_stays_local(client, auth, target):
    response = client.post("/login", query_string={"next": target}, data={
        "email": "mod@example.org", "password": "richtig-langes-passwort"})
    assert response.headers["Location"] == "/admin/"


def test_login_redirect_to_a_local_page(client, auth):
    response = client.post("/login", query_string={"next": "/admin/events/1?x=1"}, data={
        "email": "mod@example.org", "password": "richtig-langes-passwort"})
    assert response.headers["Location"] == "/admin/events/1?x=1"


def test_repeated_failed_logins_are_paused_with_a_clear_message(client, auth, monkeypatch):
    for _ in range(5):
        assert auth.login(password="falsch").status_code == 200
    tried = []
    with monkeypatch.context() as patched:
        patched.setattr(accounts, "authenticate", lambda *args: tried.append(args))
        response = auth.login()
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "Zu viele fehlgeschlagene Anmeldungen." in response.get_data(as_text=True)
    assert tried == []  # no password hash is checked while paused
    # Somebody elsewhere who knows the email does not lock the facilitator out.
    elsewhere = auth.client.post("/login", data={"email": "mod@example.org",
                                                 "password": "richtig-langes-passwort"},
                                 environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert elsewhere.status_code == 302


@pytest.mark.parametrize("proxies", [0, 1])
def test_behind_a_proxy_failed_logins_count_per_forwarded_address(tmp_path, monkeypatch,
                                                                   proxies):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROXY_COUNT", str(proxies))
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    per_address = min(item.amount for item in parse_many(DEFAULTS["login_per_address"]))
    with app.app_context():
        db.create_all()
        client = app.test_client()

        def login(email, address):
            return client.post("/login", data={"email": email, "password": "falsch"},
                               headers={"X-Forwarded-For": address}).status_code

        for n in range(per_address):
            assert login(f"person{n}@example.org", "10.0.0.1") == 200
        assert login("noch-jemand@example.org", "10.0.0.1") == 429
        # Through nginx another phone is another address; without a trusted proxy the
        # header is ignored (anyone could send it) and every try comes from one address.
        assert login("noch-jemand@example.org", "10.0.0.2") == (200 if proxies else 429)
        db.session.remove()
        db.engine.dispose()


def test_facilitator_prepares_an_event(client, auth):
    auth.login()
    response = client.post("/admin/events", data={"title": "Dialog Nord", "date": "2026-03-29",
                                                  "place": "Bürgerhaus"})
    event = db.session.query(Event).one()
    assert response.headers["Location"] == f"/admin/events/{event.id}"
    client.post(f"/admin/events/{event.id}/islands", data={"name": "Insel 1"})
    island = event.islands[0]
    client.post(f"/admin/islands/{island.id}/cases",
                data={"title": "Familie K.", "situation": "Neu zugezogen", "goal": "Anschluss"})
    client.post(f"/admin/events/{event.id}/categories", data={"kind": "resource",
                                                              "label": "Digitale Angebote"})
    page = client.get(f"/admin/events/{event.id}").get_data(as_text=True)
    assert "Insel 1" in page and "Familie K." in page and "Digitale Angebote" in page
    assert event.join_code in page and "http://workshop.test/j/" in page
    assert "Noch kein Fallbeispiel" not in page
    # The projector for this one island: its own secret link, not the main one + ?island=
    assert f"http://workshop.test/p/{island.projector_token}" in page
    assert "?island=" not in page
    assert 'data-confirm="Das Fallbeispiel „Familie K.“ löschen?"' in page
    client.post(f"/admin/events/{event.id}/islands", data={"name": "Insel <2>"})
    page = client.get(f"/admin/events/{event.id}").get_data(as_text=True)
    assert page.count("Noch kein Fallbeispiel") == 1
    assert 'data-confirm="Die Arbeitsinsel „Insel &lt;2&gt;“ mit ihren Fallbeispielen' in page


def test_bad_form_input_shows_message_and_keeps_data(client, auth, event):
    auth.login()
    response = client.post(f"/admin/events/{event.id}/islands", data={"name": "  "},
                           follow_redirects=True)
    assert "Name: Bitte etwas eintragen." in response.get_data(as_text=True)
    response = client.post(f"/admin/events/{event.id}", data={"title": "Neu", "date": "31.02."},
                           follow_redirects=True)
    assert "gültiges Datum" in response.get_data(as_text=True)
    assert db.session.get(Event, event.id).title == "Sozialraumdialog Test"
    assert len(db.session.get(Event, event.id).islands) == 2


def test_csrf_is_required_on_forms(app, facilitator):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/login", data={"email": "mod@example.org",
                                           "password": "richtig-langes-passwort"})
    assert response.status_code == 400


def test_user_text_is_escaped_on_admin_pages(client, auth, event):
    auth.login()
    client.post(f"/admin/events/{event.id}/islands", data={"name": "<script>alert(1)</script>"})
    page = client.get(f"/admin/events/{event.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_phone_page_without_account(client, event):
    response = client.get(f"/j/{event.join_code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Anonym und ohne Konto" in page
    assert f'data-code="{event.join_code}"' in page


def test_lowercase_code_redirects_and_wrong_code_explains(client, event):
    response = client.get(f"/j/{event.join_code.lower()}")
    assert response.headers["Location"] == f"/j/{event.join_code}"
    response = client.get("/join?code=FALSCH12")
    assert response.status_code == 404
    assert "Diesen Zugangscode gibt es nicht" in response.get_data(as_text=True)
    typed = client.get(f"/join?code={event.join_code[:4]}-{event.join_code[4:].lower()}")
    assert typed.headers["Location"] == f"/j/{event.join_code}"


def test_projector_needs_its_token(client, event):
    assert client.get("/p/guess").status_code == 404
    page = client.get(f"/p/{event.projector_token}").get_data(as_text=True)
    assert event.join_code in page and "workshop.test" in page


def test_qr_code_encodes_public_join_address(client, event):
    response = client.get(f"/qr/{event.join_code}.svg")
    assert response.mimetype == "image/svg+xml" and b"<svg" in response.data
    assert client.get("/qr/NOPE.svg").status_code == 404


def test_pages_have_strict_csp_and_no_inline_scripts(client, auth, event):
    auth.login()
    for url in ["/", f"/j/{event.join_code}", f"/p/{event.projector_token}",
                f"/admin/events/{event.id}", f"/admin/events/{event.id}/live", "/admin/"]:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        page = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
        assert not re.search(r"\son[a-z]+=", page), url


def test_english_is_available(client, event):
    page = client.get(f"/j/{event.join_code}?lang=en").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "lang=en" in client.get(f"/j/{event.join_code}?lang=en").headers["Set-Cookie"]


def test_static_assets_are_versioned_cached_and_compressed(client, event):
    page = client.get(f"/j/{event.join_code}").get_data(as_text=True)
    script = re.search(r'src="(/assets/[^"]+/build/phone.js)"', page).group(1)
    response = client.get(script, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers.get("Content-Encoding") == "gzip"
    plain = client.get(script, headers={"Accept-Encoding": ""})
    assert gzip.decompress(response.data) == plain.data and plain.data.startswith(b"var ")
    smaller = client.get(script, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert smaller.headers["Content-Encoding"] == "br"
    assert brotli.decompress(smaller.data) == plain.data
    assert len(smaller.data) < len(response.data) < len(plain.data) / 2


def test_cli_seeds_demo_once_and_prints_login(runner):
    first = runner.invoke(args=["seed-demo"])
    assert "Demo-Veranstaltung angelegt" in first.output
    password = re.search(r"Passwort: (\S+)   \(wird nur dieses eine Mal", first.output).group(1)
    second = runner.invoke(args=["seed-demo"])
    assert password not in second.output and "angelegt" not in second.output
    # Every start names the login and how to get a new password.
    for output in (first.output, second.output):
        assert "E-Mail:   moderation@workshop.local" in output
        assert "Neues Passwort: make password EMAIL=moderation@workshop.local" in output
    event = db.session.query(Event).one()
    assert len(event.islands) == 3 and all(i.cases for i in event.islands)


def test_cli_creates_facilitator(runner):
    result = runner.invoke(args=["create-facilitator", "neu@example.org", "--name", "Neu",
                                 "--password", "sehr-geheim-1234"])
    assert result.exit_code == 0, result.output
    bad = runner.invoke(args=["create-facilitator", "x@example.org", "--password", "kurz"])
    assert bad.exit_code != 0


def test_every_preparation_save_comes_back_at_its_section(client, auth, event):
    auth.login()
    base = f"/admin/events/{event.id}"
    island, case = event.islands[0], event.islands[0].cases[0]
    category = event.categories[0]
    added = client.post(f"{base}/islands", data={"name": "Thementisch"}).headers["Location"]
    new_island = db.session.query(Island).filter_by(name="Thementisch").one()
    new_case = client.post(f"/admin/islands/{island.id}/cases", data={
        "title": "Herr K.", "situation": "", "goal": ""}).headers["Location"]
    case_id = db.session.query(Case).filter_by(title="Herr K.").one().id
    locations = {
        "details": client.post(base, data={"title": "Dialog", "date": "", "place": ""}),
        f"island-{island.id}": client.post(f"/admin/islands/{island.id}",
                                           data={"name": "Insel A", "capacity": "8"}),
        f"case-{case.id}": client.post(f"/admin/cases/{case.id}", data={
            "title": case.title, "situation": "", "goal": ""}),
        f"category-{category.id}": client.post(f"/admin/categories/{category.id}",
                                               data={"label": "Stärken"}),
        "add-category-barrier": client.post(f"{base}/categories", data={
            "kind": "barrier", "label": "Wohnen"}),
        "settings": client.post(f"{base}/settings", data={
            "dots_per_island": "3", "assignment": "choose", "projector_view": "auto",
            "fields_of_work": ""}),
        "running": client.post(f"{base}/phase", data={"phase": "collect", "back": "running"}),
        # A refused change comes back where it was tried, naming the field it was about.
        f"category-{category.id}?invalid=label": client.post(
            f"/admin/categories/{category.id}", data={"label": ""}),
        f"island-{island.id}?invalid=capacity": client.post(
            f"/admin/islands/{island.id}", data={"name": "Insel A", "capacity": "9999"}),
        "details?invalid=date": client.post(base, data={"title": "Dialog", "date": "gestern"}),
    }
    for place, response in locations.items():
        anchor, _, query = place.partition("?")
        expected = f"{base}?{query}#{anchor}" if query else f"{base}#{anchor}"
        assert response.headers["Location"] == expected, place
    assert added == f"{base}#island-{new_island.id}"
    assert new_case == f"{base}#case-{case_id}"
    page = client.get(base).get_data(as_text=True)
    assert f'<article class="island-admin" id="island-{island.id}"' in page
    assert 'aria-label="Speichern: Insel A"' in page


def test_settings_form_and_table_tents(client, auth, event):
    auth.login()
    response = client.post(f"/admin/events/{event.id}/settings", data={
        "premoderation": "on", "dots_per_island": "5", "max_dots_per_card": "2",
        "assignment": "auto", "fields_of_work": "Schule\nKita\nSchule",
        "projector_view": "room"})
    assert response.status_code == 302
    saved = db.session.get(Event, event.id)
    assert (saved.premoderation, saved.dots_per_island, saved.max_dots_per_card,
            saved.assignment, saved.fields_of_work, saved.projector_view) == (
        True, 5, 2, "auto", "Schule\nKita", "room")
    bad = client.post(f"/admin/events/{event.id}/settings", data={
        "dots_per_island": "0", "assignment": "auto", "projector_view": "room"},
        follow_redirects=True)
    assert "Bitte" in bad.get_data(as_text=True) or "Anfrage" in bad.get_data(as_text=True)
    assert db.session.get(Event, event.id).dots_per_island == 5
    tents = client.get(f"/admin/events/{event.id}/table-tents").get_data(as_text=True)
    for island in event.islands:
        assert f"/qr/{event.join_code}/{island.id}.svg" in tents and island.name in tents


def test_island_host_link_opens_a_board_for_one_island(client, event):
    island = event.islands[1]
    page = client.get(f"/h/{island.host_token}").get_data(as_text=True)
    assert island.name in page and f'data-island-id="{island.id}"' in page
    assert client.get("/h/guessed").status_code == 404


def test_island_capacity_is_saved(client, auth, event):
    auth.login()
    island = event.islands[0]
    client.post(f"/admin/islands/{island.id}", data={"name": "Insel A", "capacity": "8"})
    assert db.session.get(Event, event.id).islands[0].capacity == 8
    client.post(f"/admin/islands/{island.id}", data={"name": "Insel A", "capacity": ""})
    assert db.session.get(Event, event.id).islands[0].capacity is None


def test_too_large_capacity_is_explained(client, auth, event):
    auth.login()
    island = event.islands[0]
    response = client.post(f"/admin/islands/{island.id}", data={"name": "Insel A",
                                                                 "capacity": "100000"},
                           follow_redirects=True)
    assert "Plätze: Bitte eine Zahl bis 500 angeben." in response.get_data(as_text=True)
    assert db.session.get(Event, event.id).islands[0].capacity is None


def test_unknown_page_is_a_german_404_page_under_the_strict_csp(client):
    response = client.get("/gibt-es-nicht")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in page and '<html lang="de">' in page
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=", page)


def test_server_fault_is_a_german_500_page(app, client):
    def broken():
        raise RuntimeError("kaputt")
    app.add_url_rule("/kaputt", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production, not as in tests
    response = client.get("/kaputt")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Etwas ist schiefgegangen" in page and "kaputt" not in page
    assert "no-store" in response.headers["Cache-Control"]


def test_odd_user_id_in_the_session_is_no_login(client, facilitator):
    with client.session_transaction() as session:
        session["_user_id"] = "²"
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def login_cookies(client, remember="1") -> dict:
    response = client.post("/login", data={"email": "mod@example.org",
                                           "password": "richtig-langes-passwort",
                                           "remember": remember})
    assert response.status_code == 302
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_login_cookies_are_lax_and_remembered_for_twelve_hours_when_asked(client, auth):
    cookies = login_cookies(client)
    for name in ("session", "remember_token"):
        assert "SameSite=Lax" in cookies[name] and "HttpOnly" in cookies[name]
        assert "Secure" not in cookies[name]  # plain HTTP on the LAN: it must come back
    expires = re.search(r"Expires=([^;]+)", cookies["remember_token"]).group(1)
    hours = (parsedate_to_datetime(expires) - datetime.now(UTC)).total_seconds() / 3600
    assert 11.9 <= hours <= 12


def test_login_without_stay_signed_in_sets_no_remember_cookie(client, auth):
    cookies = login_cookies(client, remember="")
    assert "session" in cookies and "remember_token" not in cookies
    assert "Expires" not in cookies["session"]  # gone when the browser closes


def test_login_cookies_are_secure_behind_https(app):
    https = create_app({**{key: app.config[key] for key in (
        "TESTING", "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED", "SECRET_KEY")},
        "WORKSHOP_PUBLIC_URL": "https://workshop.example"})
    with https.app_context():
        accounts.create_facilitator("mod@example.org", "Moderation", "richtig-langes-passwort")
        cookies = login_cookies(https.test_client())
        db.session.remove()
        db.engine.dispose()
    assert "Secure" in cookies["session"] and "Secure" in cookies["remember_token"]
