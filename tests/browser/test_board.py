"""The facilitator's board: moderation, merge by drag and drop with undo, phases and timer."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import facilitator_page, login


def open_board(browser, server, page_errors):
    page = facilitator_page(browser, server, page_errors,
                            f"/admin/events/{server.event_id}/live")
    page.wait_for_selector(".status-online")
    page.wait_for_selector(".board-island")
    return page


def pick_up(page, source):
    """Press on a card and move a little with the button held; returns where the pointer is.

    SortableJS (fallback mode, for mouse and touch alike) starts a drag only after the pointer
    has moved with the button held, and picks the drop target from the pointer's position.
    """
    source.scroll_into_view_if_needed()
    start = source.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + 12
    page.mouse.move(x, y)
    page.mouse.down()
    page.wait_for_timeout(60)
    page.mouse.move(x + 8, y + 8, steps=4)
    page.wait_for_timeout(60)
    return x + 8, y + 8


def put_down(page, target):
    """Move over the target in small steps, pause, release."""
    end = target.bounding_box()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=20)
    page.wait_for_timeout(120)
    page.mouse.move(end["x"] + end["width"] / 2 + 2, end["y"] + end["height"] / 2 + 2)
    page.wait_for_timeout(60)
    page.mouse.up()


def drag(page, source, target):
    """Drag like a hand does: press, move in small steps, pause over the target, release."""
    pick_up(page, source)
    put_down(page, target)


def card(page, text):
    return page.locator(".board-island .card", has_text=text)


def card_action(page, text, action):
    """Open a card's action menu and choose one of its entries."""
    card(page, text).locator(".menu-toggle").click()
    card(page, text).locator(".action-menu").get_by_role("button", name=action).click()


def no_dialogs(page):
    """The board asks inline: a browser dialog (prompt, confirm) fails the test."""
    page.on("dialog", lambda d: (d.dismiss(), pytest.fail(f"browser dialog: {d.message}")))


def name_group(page, label):
    """The inline form that names a new group (after a drop on "new group" or a merge)."""
    field = page.get_by_role("textbox", name="Überschrift der Gruppe")
    expect(field).to_be_focused()
    field.fill(label)
    field.press("Enter")
    expect(page.locator(".group-form")).to_have_count(0)  # the server's answer is in


def test_moderation_merge_undo_phase_and_timer(browser, server, phones, page_errors):
    page = open_board(browser, server, page_errors)
    a, b, c = phones
    a.card("Familienzentrum am Markt")
    b.card("Familienzentrum (Café)")
    c.card("Kein Kita-Platz", kind="barrier")
    c.card("Unpassender Kommentar")
    card(page, "Unpassender Kommentar").wait_for()

    no_dialogs(page)
    # Hide, then delete after an inline confirmation (a first "Abbrechen" changes nothing).
    card_action(page, "Unpassender Kommentar", "Ausblenden")
    card(page, "Unpassender Kommentar").locator(".badge-hidden").wait_for()
    expect(page.locator("#announce")).to_have_text("Karte ausgeblendet.")
    card_action(page, "Unpassender Kommentar", "Löschen")
    confirm = card(page, "Unpassender Kommentar").get_by_role("group")
    expect(confirm).to_contain_text("Diese Karte wirklich löschen?")
    confirm.get_by_role("button", name="Abbrechen").click()
    expect(confirm).to_have_count(0)
    card_action(page, "Unpassender Kommentar", "Löschen")
    card(page, "Unpassender Kommentar").get_by_role("group").get_by_role(
        "button", name="Löschen").click()
    card(page, "Unpassender Kommentar").wait_for(state="detached")
    page.locator("#log li", has_text="gelöscht").wait_for()

    # Merge by drag and drop onto "new group" (named inline), then drag the duplicate into it.
    drag(page, card(page, "Familienzentrum am Markt"), page.locator(".drop-new").first)
    name_group(page, "Familienzentrum")
    group = page.locator(".group", has_text="Familienzentrum")
    group.wait_for()
    drag(page, card(page, "Familienzentrum (Café)"), group.locator(".drop-list"))
    expect(group.locator(".card")).to_have_count(2)
    group.locator(".card", has_text="Familienzentrum (Café)").wait_for()

    # Undo restores both cards as single cards.
    group.locator(".group-head .menu-toggle").click()
    group.get_by_role("button", name="Gruppe auflösen (rückgängig)").click()
    group.wait_for(state="detached")
    assert page.locator(".board-island .card", has_text="Familienzentrum").count() == 2

    # Phase and timer.
    page.get_by_role("button", name="4. Gewichten").click()
    page.locator(".phase-button[aria-pressed=true]", has_text="Gewichten").wait_for()
    page.fill("#timer-minutes", "5")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#timer")).to_have_text(re.compile(r"^04:5\d$"))
    page.get_by_role("button", name="Pause").click()
    page.locator("#timer", has_text="pausiert").wait_for()
    server.expect_rows("SELECT phase FROM events", [("vote",)])
    assert page_errors.messages == []


def touch_drag(page, source, target):
    """Drag with a finger: touch events through the DevTools protocol (a tablet at the wall)."""
    cdp = page.context.new_cdp_session(page)
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + 12
    tx, ty = end["x"] + end["width"] / 2, end["y"] + end["height"] / 2

    def touch(kind, px, py):
        points = [] if kind == "touchEnd" else [{"x": px, "y": py}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", x, y)
    page.wait_for_timeout(80)
    for step in range(1, 21):
        touch("touchMove", x + (tx - x) * step / 20, y + (ty - y) * step / 20)
        page.wait_for_timeout(15)
    page.wait_for_timeout(120)
    # A last small move over the target: SortableJS picks the target on a move, throttled.
    touch("touchMove", tx + 2, ty + 2)
    page.wait_for_timeout(60)
    touch("touchEnd", tx + 2, ty + 2)


def test_merge_by_touch_on_a_tablet(browser, server, phones, page_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    page = page_errors.watch(context.new_page())
    login(page, server.url)
    page.goto(f"{server.url}/admin/events/{server.event_id}/live")
    page.wait_for_selector(".status-online")
    phones[0].card("Nachbarschaftshilfe")
    phones[1].card("Nachbarschaftshilfe Süd")
    card(page, "Nachbarschaftshilfe Süd").wait_for()
    no_dialogs(page)
    touch_drag(page, card(page, "Nachbarschaftshilfe Süd"), page.locator(".drop-new").first)
    name_group(page, "Nachbarschaftshilfe")
    group = page.locator(".group", has_text="Nachbarschaftshilfe")
    group.wait_for()
    touch_drag(page, card(page, "Nachbarschaftshilfe").last, group.locator(".drop-list"))
    expect(group.locator(".card")).to_have_count(2)
    server.expect_rows("SELECT count(*) FROM cards WHERE group_id IS NOT NULL", [(2,)])
    assert page_errors.messages == []


def test_typing_on_the_board_survives_live_updates(browser, server, phones, page_errors):
    """A host correcting a card or writing a next step keeps the text while cards come in."""
    page = open_board(browser, server, page_errors)
    a, b, _ = phones
    a.card("Jugendtreff mit langen Öffnungszeiten")
    card(page, "Jugendtreff").wait_for()
    card_action(page, "Jugendtreff", "Bearbeiten")
    text = page.locator(".edit-form textarea")
    expect(text).to_be_focused()
    text.fill("Jugendtreff, offen bis 22 Uhr")
    b.card("Streetwork am Bahnhof")  # a live update re-renders the board
    card(page, "Streetwork am Bahnhof").wait_for()
    expect(text).to_have_value("Jugendtreff, offen bis 22 Uhr")
    expect(text).to_be_focused()
    page.keyboard.type(" (Mo–Fr)")
    page.locator(".edit-form").get_by_role("button", name="Speichern").click()
    card(page, "(Mo–Fr)").wait_for()
    server.expect_rows("SELECT text FROM cards WHERE text LIKE 'Jugendtreff%'",
                       [("Jugendtreff, offen bis 22 Uhr (Mo–Fr)",)])

    # A next step, typed while another card arrives, then saved with a linked card.
    box = page.locator(".agreements-box").first
    box.locator("summary").click()
    box.get_by_role("checkbox", name="Streetwork am Bahnhof").check()
    what = box.locator("input[name=what]")
    what.fill("Öffnungszeiten mit dem Jugendamt klären")
    a.card("Sportverein mit Hallenzeiten")
    card(page, "Sportverein").wait_for()
    expect(what).to_have_value("Öffnungszeiten mit dem Jugendamt klären")
    expect(what).to_be_focused()
    box.locator("input[name=who]").fill("Frau Yılmaz")
    box.get_by_role("button", name="Vereinbarung speichern").click()
    box.locator(".agreement", has_text="Öffnungszeiten").wait_for()
    expect(box.locator(".agreement")).to_contain_text("Streetwork am Bahnhof")
    expect(what).to_have_value("")
    server.expect_rows("SELECT what, who FROM agreements",
                       [("Öffnungszeiten mit dem Jugendamt klären", "Frau Yılmaz")])

    # Changing it later: "Bearbeiten" loads it into the form, with its linked card.
    box.locator(".agreement").get_by_role("button", name="Bearbeiten").click()
    expect(what).to_have_value("Öffnungszeiten mit dem Jugendamt klären")
    expect(box.get_by_role("checkbox", name="Streetwork am Bahnhof")).to_be_checked()
    expect(box.get_by_role("checkbox", checked=True)).to_have_count(1)
    box.locator("input[name=due]").fill("Ende März")
    box.get_by_role("button", name="Änderung speichern").click()
    box.locator(".agreement", has_text="Ende März").wait_for()
    server.expect_rows("SELECT what, who, due FROM agreements",
                       [("Öffnungszeiten mit dem Jugendamt klären", "Frau Yılmaz", "Ende März")])
    expect(box.get_by_role("button", name="Vereinbarung speichern")).to_be_visible()
    assert page_errors.messages == []


def test_group_label_and_agreement_with_a_group_inline(browser, server, phones, page_errors):
    """Naming, renaming a group and linking it to a next step: forms in the page, no dialogs."""
    page = open_board(browser, server, page_errors)
    no_dialogs(page)
    a, b, _ = phones
    a.card("Familienzentrum am Markt")
    b.card("Familienzentrum (Café)")
    a.card("Kein Bus am Abend", kind="barrier")
    card(page, "Kein Bus am Abend").wait_for()
    for text in ("Familienzentrum am Markt", "Familienzentrum (Café)"):
        card(page, text).locator(".select-card").check()
    page.get_by_role("button", name="Ausgewählte zusammenfassen").click()
    # The label is suggested from the first card; Abbrechen leaves the cards as they were.
    field = page.get_by_role("textbox", name="Überschrift der Gruppe")
    expect(field).to_have_value("Familienzentrum am Markt")
    page.locator(".group-form").get_by_role("button", name="Abbrechen").click()
    expect(page.locator(".group-form")).to_have_count(0)
    expect(page.locator(".group")).to_have_count(0)
    page.get_by_role("button", name="Ausgewählte zusammenfassen").click()
    name_group(page, "Familienzentren")
    group = page.locator(".group", has_text="Familienzentren")
    group.wait_for()
    group.locator(".group-head .menu-toggle").click()
    group.get_by_role("button", name="Umbenennen").click()
    name_group(page, "Familienzentren im Viertel")
    page.locator(".group-label", has_text="Familienzentren im Viertel").wait_for()
    server.expect_rows("SELECT label FROM card_groups", [("Familienzentren im Viertel",)])

    # A next step addressing the group and a barrier, ticked in a checklist.
    box = page.locator(".agreements-box").first
    box.locator("summary").click()
    box.get_by_label("Was?").fill("Offenes Café auch abends")
    box.get_by_role("checkbox", name="Gruppe Familienzentren im Viertel").check()
    box.get_by_role("checkbox", name="Kein Bus am Abend").check()
    box.get_by_role("button", name="Vereinbarung speichern").click()
    saved = box.locator(".agreement", has_text="Offenes Café")
    expect(saved).to_contain_text("Gruppe: Familienzentren im Viertel | Kein Bus am Abend")
    server.expect_rows("SELECT g.label FROM agreement_groups ag "
                       "JOIN card_groups g ON g.id = ag.group_id",
                       [("Familienzentren im Viertel",)])
    expect(box.get_by_role("checkbox", checked=True)).to_have_count(0)  # the form is empty again
    saved.get_by_role("button", name="Bearbeiten").click()
    expect(box.get_by_role("checkbox", name="Gruppe Familienzentren im Viertel")).to_be_checked()
    box.get_by_role("button", name="Abbrechen").click()

    # Deleting it asks in place.
    saved.get_by_role("button", name="Löschen").click()
    saved.get_by_role("group").get_by_role("button", name="Löschen").click()
    expect(box.locator(".agreement")).to_have_count(0)
    server.expect_rows("SELECT count(*) FROM agreements WHERE deleted_at IS NULL", [(0,)])
    assert page_errors.messages == []
