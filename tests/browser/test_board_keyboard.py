"""The board by keyboard alone: every action keeps the focus on a control, never on <body>.

After each action (tick with Space, merge, move into a group and out, hide, delete) and after
a card arrives from a phone, the test asserts which control has the focus (by its card and
action) and what the one status line said.
"""

import pytest
from playwright.sync_api import expect

from .actors import Phone
from .conftest import facilitator_page
from .test_board import card, name_group, no_dialogs

LAPTOP = {"width": 1366, "height": 768}


def focus_key(page):
    """The data-focus-key of the focused control, or the tag name of what has the focus."""
    return page.evaluate("document.activeElement.dataset.focusKey"
                         " || document.activeElement.tagName")


def key(page, text, action):
    return f"card:{card(page, text).get_attribute('data-card-id')}:{action}"


def tab_to(page, name, limit=12):
    """Press Tab until the focused control is called `name` (as a person does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    pytest.fail(f"no control {name!r} within {limit} Tabs")


def open_menu(page, text):
    """Focus a card's menu button and open its menu with Enter; the focus stays on it."""
    toggle = card(page, text).locator(".menu-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert focus_key(page) == key(page, text, "menu")


def test_facilitator_by_keyboard_keeps_the_focus(browser, server, phones, page_errors):
    page = facilitator_page(browser, server, page_errors, f"/admin/events/{server.event_id}/live")
    page.set_viewport_size(LAPTOP)
    page.wait_for_selector(".status-online")
    no_dialogs(page)
    a, b, _ = phones
    a.card("Familienzentrum am Markt")
    b.card("Familienzentrum (Café)")
    a.card("Sportverein mit Hallenzeiten")
    a.card("Unpassender Kommentar", kind="barrier")
    card(page, "Unpassender Kommentar").wait_for()
    status = page.locator("#announce")

    # Tick with Space; a phone's card arriving meanwhile leaves the focus where it was.
    card(page, "Familienzentrum am Markt").locator(".select-card").focus()
    page.keyboard.press("Space")
    assert focus_key(page) == key(page, "Familienzentrum am Markt", "select")
    b.card("Streetwork am Bahnhof")
    card(page, "Streetwork am Bahnhof").wait_for()
    assert focus_key(page) == key(page, "Familienzentrum am Markt", "select")
    expect(card(page, "Familienzentrum am Markt").locator(".select-card")).to_be_checked()
    card(page, "Familienzentrum (Café)").locator(".select-card").focus()
    page.keyboard.press("Space")
    assert focus_key(page) == key(page, "Familienzentrum (Café)", "select")
    # A card at another island leaves this island's controls alone: the very same checkbox
    # keeps the focus (it is not rebuilt, so a screen reader does not read it again).
    page.evaluate("document.activeElement.dataset.probe = 'kept'")
    elsewhere = Phone(server.url, server.join_code,
                      server.query("SELECT id FROM islands ORDER BY position, id")[1][0])
    try:
        elsewhere.card("Jugendtreff am Bahnhof")
        card(page, "Jugendtreff am Bahnhof").wait_for()
    finally:
        elsewhere.close()
    assert page.evaluate("document.activeElement.dataset.probe") == "kept"

    # "Ausgewählte zusammenfassen": the label form has the focus, then the new group's menu.
    page.get_by_role("button", name="Ausgewählte zusammenfassen").focus()
    page.keyboard.press("Enter")
    name_group(page, "Familienzentrum")
    group = page.locator(".group", has_text="Familienzentrum")
    group.wait_for()
    expect(status).to_have_text("Gruppe „Familienzentrum“ gebildet.")
    assert focus_key(page) == f"group:{group.get_attribute('data-group-id')}:menu"
    expect(group.locator(".card")).to_have_count(2)

    # Into the group and out again, from the card's menu (the keyboard way of a drag).
    open_menu(page, "Sportverein")
    tab_to(page, "In die Gruppe: Familienzentrum")
    page.keyboard.press("Enter")
    expect(group.locator(".card", has_text="Sportverein")).to_have_count(1)
    expect(status).to_have_text("Karte in die Gruppe „Familienzentrum“ verschoben.")
    assert focus_key(page) == key(page, "Sportverein", "menu")
    page.keyboard.press("Enter")
    tab_to(page, "Aus der Gruppe nehmen")
    page.keyboard.press("Enter")
    expect(group.locator(".card", has_text="Sportverein")).to_have_count(0)
    expect(status).to_have_text("Karte aus der Gruppe genommen.")
    assert focus_key(page) == key(page, "Sportverein", "menu")
    server.expect_rows("SELECT group_id FROM cards WHERE text LIKE 'Sportverein%'", [(None,)])

    # Ausblenden: the card stays (greyed), the focus on its menu button; Escape closes a menu.
    open_menu(page, "Unpassender Kommentar")
    tab_to(page, "Ausblenden")
    page.keyboard.press("Enter")
    card(page, "Unpassender Kommentar").locator(".badge-hidden").wait_for()
    expect(status).to_have_text("Karte ausgeblendet.")
    assert focus_key(page) == key(page, "Unpassender Kommentar", "menu")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(card(page, "Unpassender Kommentar").locator(".action-menu")).to_have_count(0)
    assert focus_key(page) == key(page, "Unpassender Kommentar", "menu")
    page.keyboard.press("Enter")   # and on the menu's own button
    page.keyboard.press("Escape")
    expect(card(page, "Unpassender Kommentar").locator(".action-menu")).to_have_count(0)
    assert focus_key(page) == key(page, "Unpassender Kommentar", "menu")

    # A live update while a menu button has the focus.
    a.card("Nachbarschaftshilfe")
    card(page, "Nachbarschaftshilfe").wait_for()
    assert focus_key(page) == key(page, "Unpassender Kommentar", "menu")

    # Löschen asks inline; the safe answer has the focus, Escape goes back to the menu button.
    open_menu(page, "Unpassender Kommentar")
    tab_to(page, "Löschen")
    page.keyboard.press("Enter")
    assert focus_key(page) == "confirm:no"
    page.keyboard.press("Escape")
    assert focus_key(page) == key(page, "Unpassender Kommentar", "menu")
    page.keyboard.press("Enter")
    tab_to(page, "Löschen")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert focus_key(page) == "confirm:yes"
    page.keyboard.press("Enter")
    card(page, "Unpassender Kommentar").wait_for(state="detached")
    expect(status).to_have_text("Karte gelöscht.")
    # The card is gone: its nearest neighbour's menu button has the focus.
    assert focus_key(page).startswith("card:") and focus_key(page).endswith(":menu")
    server.expect_rows("SELECT count(*) FROM cards WHERE deleted_at IS NOT NULL", [(1,)])
    assert page_errors.messages == []


def test_timer_and_arriving_cards_are_not_read_out(browser, server, phones, page_errors):
    page = facilitator_page(browser, server, page_errors, f"/admin/events/{server.event_id}/live")
    page.wait_for_selector(".status-online")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#announce")).to_have_text("Der Timer läuft.")
    live = "#timer:is([aria-live] *, [role=status] *, [role=alert] *, [role=timer] *, [role=log] *)"
    expect(page.locator(live)).to_have_count(0)
    # For seconds of ticking while phones send cards, no live region of the page changes:
    # the board announces what the facilitator did, not every card of 150 phones.
    page.evaluate("""() => {
        window.seen = [];
        const watch = new MutationObserver((changes) => changes.forEach(
            (c) => window.seen.push(c.target.textContent)));
        document.querySelectorAll('[aria-live], [role=status], [role=alert], [role=log]')
            .forEach((region) => watch.observe(region,
                {childList: true, characterData: true, subtree: true}));
    }""")
    for text in ("Familienzentrum am Markt", "Kein Bus am Abend"):
        phones[0].card(text)
    card(page, "Kein Bus am Abend").wait_for()
    page.wait_for_timeout(2500)
    assert [text for text in page.evaluate("window.seen") if text] == []
    assert page_errors.messages == []
