"""A phone survives a server restart: it reconnects, resyncs and delivers what waited."""

import sqlite3

from tests.support.server import free_port, running_server

from .conftest import PHONE, prepare_instance


def test_phone_resyncs_after_server_restart_without_reload(browser, tmp_path):
    prepare_instance(tmp_path)
    with sqlite3.connect(tmp_path / "workshop.sqlite3") as con:
        code, island = con.execute(
            "SELECT join_code, islands.id FROM events JOIN islands ON islands.event_id = events.id"
            " ORDER BY islands.position LIMIT 1").fetchone()
    port = free_port()
    page = browser.new_context(viewport=PHONE).new_page()
    with running_server(tmp_path, port=port, migrate=False) as (url, _):
        page.goto(f"{url}/j/{code}/{island}")
        page.wait_for_selector(".status-online")
        page.fill("#text", "Vor dem Neustart")
        page.click("#card-form button[type=submit]")
        page.locator(".status-saved").wait_for()
    # The server is down now: the phone notices and keeps a new card.
    page.wait_for_selector(".status-offline, .status-reconnecting")
    page.fill("#text", "Während des Neustarts")
    page.click("#card-form button[type=submit]")
    page.locator(".card-pending", has_text="Während des Neustarts").wait_for()
    with running_server(tmp_path, port=port, migrate=False):
        page.wait_for_selector(".status-online", timeout=15000)
        page.locator(".card", has_text="Während des Neustarts").locator(
            ".status-saved").wait_for(timeout=15000)
        assert page.locator(".card", has_text="Vor dem Neustart").count() == 1
        with sqlite3.connect(tmp_path / "workshop.sqlite3") as con:
            assert con.execute("SELECT count(*) FROM cards").fetchone() == (2,)
