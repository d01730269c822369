"""A phone refused in a crowded minute (one venue address) gets in by itself a moment later."""

import sqlite3

import pytest
from playwright.sync_api import expect

from tests.support.server import running_server

from .conftest import PHONE, prepare_instance

HAS_TOKEN = "Object.keys(localStorage).some((k) => k.startsWith('workshop:token:'))"


@pytest.fixture
def crowded(tmp_path):
    """The demo server letting one new phone per three seconds in from one address."""
    prepare_instance(tmp_path)
    env = {"WORKSHOP_JOINS_PER_ADDRESS": "1 per 3 seconds"}
    with running_server(tmp_path, extra_env=env, migrate=False) as (url, _process):
        with sqlite3.connect(tmp_path / "workshop.sqlite3") as connection:
            code = connection.execute("SELECT join_code FROM events").fetchone()[0]
        yield url, code


def test_a_phone_refused_for_a_moment_joins_by_itself(browser, crowded, page_errors):
    url, code = crowded
    first, second = (page_errors.watch(browser.new_context(viewport=PHONE).new_page())
                     for _ in range(2))
    first.goto(f"{url}/j/{code}")
    for _ in range(100):  # joined: the address's one phone for these three seconds
        if first.evaluate(HAS_TOKEN):
            break
        first.wait_for_timeout(50)
    assert first.evaluate(HAS_TOKEN)
    second.goto(f"{url}/j/{code}")
    expect(second.locator("#message")).to_contain_text(
        "Gerade melden sich sehr viele Handys auf einmal an.")
    expect(second.locator("#message")).to_be_hidden(timeout=15000)  # joined meanwhile
    second.get_by_role("button", name="Insel 1: Ankommen im Viertel").click()
    second.wait_for_selector("#case-title:has-text('Familie A.')")
    assert second.evaluate(HAS_TOKEN)
    assert page_errors.messages == []
