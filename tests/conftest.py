"""Fixtures: an app on a fresh SQLite file, clients, a facilitator, a prepared event."""

import os

import pytest

from tests.support.postgres import fresh_schema
from workshop import create_app
from workshop.config import normalize_database_url
from workshop.extensions import db, socketio
from workshop.services import accounts, events, running

PASSWORD = "richtig-langes-passwort"


def pytest_addoption(parser):
    parser.addoption("--database", choices=("sqlite", "postgresql"), default="sqlite",
                     help="run the app's tests on a fresh SQLite file (default) or on a fresh "
                          "schema of the local PostgreSQL (make test does both)")


@pytest.fixture
def database_url(request, tmp_path):
    """A fresh database for one test: SQLite, or with --database=postgresql a new schema."""
    if request.config.getoption("--database") == "postgresql":
        with fresh_schema("tests") as (url, _admin, _schema):
            yield normalize_database_url(url)
    else:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def app(tmp_path, monkeypatch, database_url):
    """A fresh app and database per test."""
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WORKSHOP_PUBLIC_URL": "http://workshop.test",
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test",
        "WORKSHOP_ROOM_UPDATE_DELAY": 0,  # room updates at once, not a second later
    })
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def facilitator(app):
    """A facilitator account."""
    return accounts.create_facilitator("mod@example.org", "Moderation", PASSWORD)


class Auth:
    """Log a facilitator in and out through the real form."""

    def __init__(self, client):
        self.client = client

    def login(self, email="mod@example.org", password=PASSWORD):
        return self.client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client, facilitator):
    """Login helper for the test client."""
    return Auth(client)


@pytest.fixture
def event(app):
    """An event with two islands, one case each, and default categories."""
    ev = events.create_event(None, "Sozialraumdialog Test", None, "Rathaus")
    for name, case in (("Insel A", "Fall A"), ("Insel B", "Fall B")):
        island = events.add_island(ev.id, name)
        events.add_case(island.id, case, "Situation", "Ziel")
    return running.set_phase(ev.id, "collect")  # most tests write cards


def category_id(ev, kind):
    """The first category of a kind."""
    return next(c.id for c in ev.categories if c.kind == kind)


@pytest.fixture
def socket_client(app, client):
    """Factory for Flask-SocketIO test clients sharing the app."""
    made = []

    def make(flask_client=None):
        sc = socketio.test_client(app, flask_test_client=flask_client or app.test_client())
        made.append(sc)
        return sc

    yield make
    for sc in made:
        if sc.is_connected():
            sc.disconnect()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Playwright's sync API allows one per process,
    so the browser and deployment tests share it)."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
