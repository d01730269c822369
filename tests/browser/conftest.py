"""Browser fixtures: the real server with the demo event, and Debian's Chromium."""

import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.server import running_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
LOGIN = ("moderation@example.org", "browser-test-passwort")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


@dataclass
class Server:
    """A running server and what the tests need to know about its demo event."""

    url: str
    db_path: Path
    join_code: str
    projector_token: str
    event_id: int

    def query(self, sql: str, *args):
        with sqlite3.connect(self.db_path) as connection:
            return connection.execute(sql, args).fetchall()

    def expect_rows(self, sql: str, expected: list, timeout: float = 5.0) -> None:
        """Assert the query returns `expected` within `timeout` seconds.

        For a write the screen shows before the server has stored it (a card dropped on the
        board moves at once; the server's answer follows).
        """
        deadline = time.monotonic() + timeout
        while (rows := self.query(sql)) != expected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rows == expected


def prepare_instance(instance: Path) -> None:
    """Migrate, seed the demo event and add a facilitator, in this process (fast)."""
    import flask_migrate

    from workshop import create_app
    from workshop.demo import seed_demo
    from workshop.extensions import db
    from workshop.services.accounts import create_facilitator

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'workshop.sqlite3'}",
                      "SECRET_KEY": "browser-tests"})
    with app.app_context():
        flask_migrate.upgrade()
        seed_demo()
        create_facilitator(*LOGIN[:1], "Moderation", LOGIN[1])
        db.session.remove()
        db.engine.dispose()


@contextmanager
def demo_server(instance: Path, grow=None):
    """A fresh instance: migrated database, demo event, a facilitator; the gevent server.

    `grow(instance)`, when given, adds to the database before the server starts.
    """
    prepare_instance(instance)
    if grow:
        grow(instance)
    with running_server(instance, migrate=False) as (url, _process):
        db_path = instance / "workshop.sqlite3"
        with sqlite3.connect(db_path) as connection:
            event_id, code, token = connection.execute(
                "SELECT id, join_code, projector_token FROM events").fetchone()
        yield Server(url, db_path, code, token, event_id)


@pytest.fixture
def server(tmp_path):
    """The demo server for one test."""
    with demo_server(tmp_path) as server:
        yield server


@pytest.fixture
def phones(server):
    """Three phones seated at the first island."""
    from .actors import Phone

    island = server.query("SELECT id FROM islands ORDER BY position, id")[0][0]
    made = [Phone(server.url, server.join_code, island) for _ in range(3)]
    yield made
    for phone in made:
        phone.close()


class PageErrors:
    """Collects console errors and CSP violations so a test can assert there were none."""

    def __init__(self):
        self.messages = []

    def watch(self, page):
        page.on("console", lambda m: m.type == "error" and self.messages.append(m.text))
        page.on("pageerror", lambda e: self.messages.append(str(e)))
        return page


@pytest.fixture
def page_errors():
    """Console errors of every page a test watches."""
    return PageErrors()


@pytest.fixture
def screenshot():
    """Save a screenshot to test-artifacts/ (or docs/screenshots/ for `make screenshots`)."""
    folder = Path(os.environ.get("WORKSHOP_SCREENSHOT_DIR", ROOT / "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name, **kwargs):
        if kwargs.get("full_page"):
            page.evaluate("window.scrollTo(0, 0)")  # sticky headers stay at the top
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    return take


def login(page, base_url):
    """Sign the facilitator in through the login form."""
    page.goto(f"{base_url}/login")
    page.fill("#email", LOGIN[0])
    page.fill("#password", LOGIN[1])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def open_projector(browser, server, page_errors, query="", token=None):
    """The projector at 1920x1080 on its secret link, connected."""
    page = page_errors.watch(browser.new_context(viewport=PROJECTOR).new_page())
    page.goto(f"{server.url}/p/{token or server.projector_token}{query}")
    page.wait_for_selector(".status-online")
    return page


def facilitator_page(browser, server, page_errors, path):
    """A signed-in facilitator's browser at a page of the admin area (PROJECTOR size)."""
    page = page_errors.watch(browser.new_context(viewport=PROJECTOR).new_page())
    login(page, server.url)
    page.goto(f"{server.url}{path}")
    return page


def go_offline(page):
    """Cut the page's network (Wi-Fi gone) and wait until it shows that it knows."""
    page.context.set_offline(True)
    page.wait_for_selector(".status-offline, .status-reconnecting")
