"""Phones on bad networks, every byte slowed (websockets too) by the throttling proxy.

Chromium's own network emulation leaves websocket frames fast, so these tests put the proxy of
tests/support/slow_network.py between the phone and the server. They assert what must hold on
any machine: the page stays small, the socket is really slowed, nothing is lost or doubled, and
each step finishes well within a limit a person would still wait for. The budgets themselves
(3 s cold, 2 s warm, 1.5 s back online) are measured by `make bench-network` on a quiet
machine, medians of three runs, in docs/performance.md: timed on a shared CI machine they
would measure its load.
"""

import time

import pytest

from tests.support.slow_network import LOSSY_WIFI, SLOW_3G, throttled

from .actors import Phone
from .conftest import PHONE

pytestmark = pytest.mark.browser

ISLAND = "Insel 1: Ankommen im Viertel"
PAGE_BUDGET_BYTES = 60 * 1024
# Twice the budgets of issue 14 and more: a failure here is a real stall, not a busy machine.
COLD_LIMIT_S = 8.0
WARM_LIMIT_S = 5.0
BACK_ONLINE_LIMIT_S = 4.0


def _phone(browser, proxy):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    return context, context.new_page()


def _send_card(page, text: str) -> float:
    """Write a card and wait until the phone shows it saved; seconds from the click."""
    page.fill("#text", text)
    started = time.monotonic()
    page.click("#card-form button[type=submit]")
    page.locator(".card", has_text=text).locator(".status-saved").wait_for(timeout=20000)
    return time.monotonic() - started


def _cards(server, text: str) -> int:
    return server.query("SELECT count(*) FROM cards WHERE text = ?", text)[0][0]


def test_cold_visit_saves_the_first_card_at_slow_3g(server, browser):
    """First visit: page, bundle and socket over 400 ms / 400 kbit/s; the page stays small."""
    with throttled(server.url, SLOW_3G) as proxy:
        context, page = _phone(browser, proxy)
        try:
            started = time.monotonic()
            page.goto(f"{proxy.url}/j/{server.join_code}", wait_until="commit")
            page.get_by_role("button", name=ISLAND).click()
            ack = _send_card(page, "Familienzentrum mit offenem Café")
            elapsed = time.monotonic() - started
            page_bytes = proxy.bytes_down
        finally:
            context.close()
    print(f"slow 3G cold: first card saved after {elapsed:.2f} s (ack {ack:.2f} s), "
          f"{page_bytes / 1024:.1f} KB down")
    # The acknowledgement crossed the slowed link: the websocket is throttled too.
    assert ack >= SLOW_3G.rtt_s
    assert elapsed <= COLD_LIMIT_S, f"first card after {elapsed:.2f} s"
    assert page_bytes <= PAGE_BUDGET_BYTES, f"{page_bytes / 1024:.1f} KB > 60 KB"


def test_warm_visit_shows_the_island_from_the_page_before_the_socket(server, browser):
    """Second visit with a stored token and cached assets: the island shows at once."""
    with throttled(server.url, SLOW_3G) as proxy:
        context, page = _phone(browser, proxy)
        try:
            page.goto(f"{proxy.url}/j/{server.join_code}")
            page.get_by_role("button", name=ISLAND).click()
            _send_card(page, "Erste Karte")
            started = time.monotonic()
            page.goto(f"{proxy.url}/j/{server.join_code}", wait_until="commit")
            page.locator("#island-name", has_text="Ankommen im Viertel").wait_for()
            page.locator("#text").wait_for()
            painted = time.monotonic() - started
            # From the page itself: the socket's four round trips are not done yet.
            assert page.locator("#status.status-online").count() == 0
            ack = _send_card(page, "Zweite Karte beim zweiten Besuch")
            elapsed = time.monotonic() - started
        finally:
            context.close()
    print(f"slow 3G warm: island painted after {painted:.2f} s, card saved after "
          f"{elapsed:.2f} s (ack {ack:.2f} s)")
    assert elapsed <= WARM_LIMIT_S, f"card after {elapsed:.2f} s on the second visit"
    assert _cards(server, "Zweite Karte beim zweiten Besuch") == 1


def test_waiting_card_is_saved_once_soon_after_the_network_returns(server, browser):
    """20 s without network, a card written meanwhile: saved within 1.5 s of the return."""
    with throttled(server.url, SLOW_3G) as proxy:
        context, page = _phone(browser, proxy)
        try:
            page.goto(f"{proxy.url}/j/{server.join_code}")
            page.get_by_role("button", name=ISLAND).click()
            _send_card(page, "Vor dem Funkloch")
            proxy.offline()
            context.set_offline(True)
            page.wait_for_selector(".status-offline, .status-reconnecting")
            page.fill("#text", "Im Funkloch geschrieben")
            page.click("#card-form button[type=submit]")
            page.locator(".card", has_text="Im Funkloch geschrieben").wait_for()
            time.sleep(20)
            proxy.online()
            context.set_offline(False)
            back = time.monotonic()
            page.locator(".card", has_text="Im Funkloch geschrieben").locator(
                ".status-saved").wait_for(timeout=20000)
            elapsed = time.monotonic() - back
        finally:
            context.close()
    print(f"slow 3G back online: waiting card saved {elapsed:.2f} s after the network returned")
    assert _cards(server, "Im Funkloch geschrieben") == 1
    assert elapsed <= BACK_ONLINE_LIMIT_S, f"saved {elapsed:.2f} s after the network returned"


def test_lossy_wifi_loses_and_doubles_nothing(server, browser):
    """5 % of segments lost, jitter: ten cards in a row, each stored exactly once."""
    with throttled(server.url, LOSSY_WIFI) as proxy:
        context, page = _phone(browser, proxy)
        try:
            page.goto(f"{proxy.url}/j/{server.join_code}")
            page.get_by_role("button", name=ISLAND).click()
            acks = [_send_card(page, f"Karte {n} im wackeligen WLAN") for n in range(10)]
        finally:
            context.close()
    print("lossy Wi-Fi acks: " + ", ".join(f"{a:.2f}" for a in acks))
    for n in range(10):
        assert _cards(server, f"Karte {n} im wackeligen WLAN") == 1


def test_after_a_gap_the_phone_catches_up_with_what_changed(server, browser):
    """Offline while another phone adds one card and deletes another: back online, the phone
    shows exactly the island as it is (the rejoin carries only the changes)."""
    island_id = server.query("SELECT id FROM islands ORDER BY id LIMIT 1")[0][0]
    other = Phone(server.url, server.join_code, island_id)
    with throttled(server.url, SLOW_3G) as proxy:
        context, page = _phone(browser, proxy)
        try:
            page.goto(f"{proxy.url}/j/{server.join_code}")
            page.get_by_role("button", name=ISLAND).click()
            doomed = other.card("Wird gleich gelöscht")
            page.locator(".card", has_text="Wird gleich gelöscht").wait_for()
            proxy.offline()
            context.set_offline(True)
            page.wait_for_selector(".status-offline, .status-reconnecting")
            other.card("Neu während der Lücke")
            other.call("card_delete", {"card_id": doomed["id"]})
            proxy.online()
            context.set_offline(False)
            page.locator(".card", has_text="Neu während der Lücke").wait_for(timeout=10000)
            page.locator(".card", has_text="Wird gleich gelöscht").wait_for(
                state="detached", timeout=10000)
        finally:
            context.close()
            other.close()
