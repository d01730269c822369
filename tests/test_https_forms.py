"""Login and every facilitator form work behind an HTTPS proxy with CSRF protection on.

Flask-WTF checks on HTTPS that a post comes from one of this site's pages (the Referer);
the browser sends one only if the page's Referrer-Policy allows it (issue 13: with
`no-referrer` every login behind nginx answered 400).
"""

import re

import pytest

from tests.conftest import PASSWORD
from workshop import create_app
from workshop.extensions import db
from workshop.services import accounts, events, library, running

HOST = "dialog.example.org:8443"  # a port other than 443: the Host header nginx passes on
ORIGIN = f"https://{HOST}"
PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


@pytest.fixture
def https_app(tmp_path, monkeypatch, database_url):
    """The app as the doc configures it behind nginx, CSRF protection included."""
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PROXY_COUNT", "1")
    monkeypatch.setenv("WORKSHOP_PUBLIC_URL", ORIGIN)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x" * 32,
                      "WORKSHOP_ROOM_UPDATE_DELAY": 0})
    with app.app_context():
        db.create_all()
        accounts.create_facilitator("mod@example.org", "Moderation", PASSWORD)
        yield app
        db.session.remove()
        db.engine.dispose()


class Browser:
    """A test client that sends the Referer a browser sends under the page's policy."""

    def __init__(self, app):
        self.client = app.test_client()
        self.page = None  # (url, Referrer-Policy) of the page the form is on

    def get(self, path):
        response = self.client.get(path, base_url=ORIGIN, headers=PROXIED)
        self.page = (ORIGIN + path, response.headers["Referrer-Policy"])
        return response

    def post(self, path, data):
        url, policy = self.page
        headers = dict(PROXIED)
        # Same-origin post: these policies send the page's address (or its origin).
        if policy in ("same-origin", "strict-origin-when-cross-origin", "origin",
                      "strict-origin", "origin-when-cross-origin", "unsafe-url"):
            headers["Referer"] = url if "origin" not in policy else ORIGIN + "/"
        return self.client.post(path, base_url=ORIGIN, headers=headers, data=data)


def csrf_token(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)


def test_login_over_https_behind_the_proxy(https_app):
    browser = Browser(https_app)
    token = csrf_token(browser.get("/login"))
    response = browser.post("/login", {"csrf_token": token, "email": "mod@example.org",
                                       "password": PASSWORD})
    assert response.status_code == 302, response.text
    assert response.headers["Location"].endswith("/admin/")
    cookie = response.headers.getlist("Set-Cookie")
    assert cookie and all("Secure" in c for c in cookie)
    assert browser.get("/admin/").status_code == 200


def test_a_post_from_another_site_is_still_refused(https_app):
    browser = Browser(https_app)
    token = csrf_token(browser.get("/login"))
    form = {"csrf_token": token, "email": "mod@example.org", "password": PASSWORD}
    foreign = browser.client.post("/login", base_url=ORIGIN, data=form, headers={
        **PROXIED, "Referer": "https://evil.example/login"})
    missing = browser.client.post("/login", base_url=ORIGIN, data=form, headers=PROXIED)
    assert foreign.status_code == missing.status_code == 400


def _form_posts(app) -> list:
    """Every POST route of the login and facilitator pages, deletions last."""
    rules = [rule for rule in app.url_map.iter_rules()
             if "POST" in rule.methods and rule.endpoint.split(".")[0]
             in ("auth", "facilitator", "exports", "accounts", "sozialraeume")]
    return sorted(rules, key=lambda r: (
        r.rule.endswith("/delete"), r.rule.startswith("/admin/events/<int:event_id>/delete"),
        r.endpoint in ("auth.logout_everywhere", "auth.logout"), r.rule))


def test_every_facilitator_form_posts_over_https(https_app):
    event = events.create_event(None, "Sozialraumdialog", None, "Rathaus")
    island = events.add_island(event.id, "Insel A")
    case = events.add_case(island.id, "Fall A", "Situation", "Ziel")
    running.set_phase(event.id, "collect")
    colleague = accounts.create_facilitator("team@example.org", "Team", PASSWORD)
    kept = library.keep(case.id)
    ids = {"event_id": event.id, "island_id": island.id, "case_id": case.id,
           "category_id": event.categories[-1].id, "account_id": colleague.id,
           "library_case_id": kept.id, "sozialraum_id": event.sozialraum_id}
    browser = Browser(https_app)
    token = csrf_token(browser.get("/login"))
    assert browser.post("/login", {"csrf_token": token, "email": "mod@example.org",
                                   "password": PASSWORD}).status_code == 302
    rules = _form_posts(https_app)
    assert len(rules) >= 15
    for rule in rules:
        path = rule.build(ids)[1]
        browser.get(f"/admin/events/{event.id}" if rule.arguments else "/admin/")
        response = browser.post(path, {"csrf_token": token, "title": "Neu", "name": "Neu",
                                       "phase": "collect", "event_id": event.id})
        assert response.status_code in (200, 302, 303), (rule.rule, response.status_code,
                                                         response.text[:200])
