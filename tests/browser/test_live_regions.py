"""Live regions over a minute of a running timer and incoming cards, on the phone and the board.

A screen reader reads out every change of a live region; ticking time inside one is read every
second. A MutationObserver records each new, non-empty text of every live region
([role=status], [role=alert], [aria-live]) on a phone and on the board while the timer runs for
a minute and cards come in from this phone and from another one. The phone says once that the
time runs and once per card it saved; the board says once that its timer started and nothing
for the cards the phones write (150 phones would drown the facilitator).
"""

import time

from .actors import Phone
from .conftest import PHONE, facilitator_page

LISTEN = """() => {
    window.spoken = [];
    const regions = document.querySelectorAll('[role=status], [role=alert], [aria-live]');
    const last = new Map();
    const watch = new MutationObserver(() => regions.forEach((r) => {
        const text = r.hidden ? '' : r.textContent.trim();
        if (text === (last.get(r) || '')) return;
        last.set(r, text);
        if (text) window.spoken.push(text);
    }));
    regions.forEach((r) => {
        last.set(r, r.hidden ? '' : r.textContent.trim());
        watch.observe(r, { childList: true, subtree: true, characterData: true, attributes: true });
    });
}"""
MINUTE = 60


def island_id(server):
    return server.query("SELECT id FROM islands ORDER BY position, id")[0][0]


def test_a_minute_of_running_timer_and_incoming_cards_is_not_read_out_every_second(
        browser, server, page_errors):
    board = facilitator_page(browser, server, page_errors, f"/admin/events/{server.event_id}/live")
    board.wait_for_selector(".status-online")
    phone = page_errors.watch(browser.new_context(viewport=PHONE).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}/{island_id(server)}")
    phone.wait_for_selector(".status-online")
    phone.wait_for_selector("#card-form:visible")
    other = Phone(server.url, server.join_code, island_id(server))
    try:
        for page in (board, phone):
            page.evaluate(LISTEN)
        board.fill("#timer-minutes", "10")
        board.click("#timer-form [data-timer=start]")
        phone.wait_for_selector("#timer[data-state=running]")
        first_phone, first_board = (phone.inner_text("#timer-value"), board.inner_text("#timer"))

        started, saved = time.monotonic(), 0
        while (elapsed := time.monotonic() - started) < MINUTE:
            if elapsed >= saved * 15:  # every 15 s a card from each phone
                saved += 1
                phone.fill("#text", f"Angebot Nummer {saved}")
                phone.click("#card-form button[type=submit]")
                phone.locator(".card", has_text=f"Angebot Nummer {saved}").locator(
                    ".status-saved").wait_for()
                other.card(f"Barriere Nummer {saved}", kind="barrier")
            phone.wait_for_timeout(1000)

        # The time ran on both screens the whole minute, outside every live region.
        assert phone.inner_text("#timer-value") != first_phone
        assert board.inner_text("#timer") != first_board
        board.locator(".card-text", has_text=f"Barriere Nummer {saved}").wait_for()
        phone.wait_for_timeout(1000)
        assert saved == 4
        assert phone.evaluate("window.spoken") == (
            ["Die Zeit läuft: noch 10:00."] + ["Karte gespeichert."] * saved)
        assert board.evaluate("window.spoken") == ["Der Timer läuft."]
    finally:
        other.close()
    assert page_errors.messages == []
