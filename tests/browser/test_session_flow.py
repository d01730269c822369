"""A whole session as people run it: the facilitator's board, three phones and the projector.

Phases from Ankommen to Abschluss, the timer, a merge by drag and drop with undo, dot voting,
and the projector's live ranking.
"""

import re

from playwright.sync_api import expect

from .conftest import PHONE, facilitator_page, open_projector
from .test_board import card as board_card
from .test_board import drag, name_group, no_dialogs


def phone_page(browser, page_errors, server):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = page_errors.watch(context.new_page())
    page.goto(f"{server.url}/j/{server.join_code}")
    page.wait_for_selector(".status-online")
    return page


def write(phone, text, kind="resource"):
    phone.check(f"input[name=kind][value={kind}]")
    phone.fill("#text", text)
    phone.click("#card-form button[type=submit]")
    phone.locator(".card", has_text=text).locator(".status-saved").wait_for()


def set_phase(board, label, phones, phone_phase):
    board.get_by_role("button", name=label).click()
    for phone in phones:
        phone.wait_for_selector(f"#phase:text-is('{phone_phase}')")


def test_full_session_from_arrival_to_closing(browser, server, page_errors, screenshot):
    projector = open_projector(browser, server, page_errors)
    board = facilitator_page(browser, server, page_errors,
                             f"/admin/events/{server.event_id}/live")
    board.wait_for_selector(".status-online")
    phones = [phone_page(browser, page_errors, server) for _ in range(3)]

    # 1. Ankommen: profiles, island choice; the projector shows who is in the room.
    set_phase(board, "1. Ankommen", phones, "Ankommen")
    fields = ["Kita / Kindertagespflege", "Schule / Schulsozialarbeit", "Kita / Kindertagespflege"]
    for phone, field in zip(phones, fields, strict=True):
        phone.get_by_role("button", name="Insel 1: Ankommen im Viertel").click()
        phone.select_option("#field-of-work", field)
        phone.click("#profile-form button[type=submit]")
        phone.wait_for_selector("#profile-saved:has-text('gespeichert')")
        assert phone.is_hidden("#card-form")
    projector.locator("#room-total", has_text="3").wait_for()
    expect(projector.locator("#view-title")).to_have_text("Wer ist da?")

    # 2. Sammeln with a timer on every screen.
    set_phase(board, "2. Sammeln", phones, "Sammeln")
    board.fill("#timer-minutes", "3")
    board.get_by_role("button", name="Start").click()
    for page in phones:
        expect(page.locator("#timer-value")).to_have_text(re.compile(r"^0?(3:00|2:5\d)$"))
    expect(projector.locator("#timer-digits")).to_have_text(re.compile(r"^0?(3:00|2:5\d)$"))
    write(phones[0], "Familienzentrum am Markt")
    write(phones[1], "Familienzentrum mit Elterncafé")
    write(phones[2], "Kein Kita-Platz in Wohnortnähe", kind="barrier")
    projector.locator(".card-text", has_text="Kein Kita-Platz").wait_for()
    board_card(board, "Kein Kita-Platz").wait_for()

    # 3. Ordnen: merge the duplicates by drag and drop, undo, merge again by selection.
    set_phase(board, "3. Ordnen", phones, "Ordnen")
    no_dialogs(board)
    drag(board, board_card(board, "Familienzentrum am Markt"), board.locator(".drop-new").first)
    name_group(board, "Familienzentrum")
    group = board.locator(".group", has_text="Familienzentrum")
    group.wait_for()
    drag(board, board_card(board, "Familienzentrum mit Elterncafé"), group.locator(".drop-list"))
    group.locator(".card", has_text="Elterncafé").wait_for()
    phones[0].locator(".board-group", has_text="Familienzentrum").locator(
        ".card", has_text="Elterncafé").wait_for()
    group.locator(".group-head .menu-toggle").click()
    group.get_by_role("button", name="Gruppe auflösen (rückgängig)").click()
    phones[0].locator(".board-group").wait_for(state="detached")
    for text in ("Familienzentrum am Markt", "Familienzentrum mit Elterncafé"):
        board_card(board, text).locator(".select-card").check()
    board.get_by_role("button", name=re.compile("Ausgewählte zusammenfassen")).click()
    name_group(board, "Familienzentren")
    phones[1].locator(".board-group", has_text="Familienzentren").wait_for()

    # 4. Gewichten: dots from every phone; the projector ranks live.
    set_phase(board, "4. Gewichten", phones, "Gewichten")
    expect(projector.locator("#view-title")).to_have_text("Rangfolge nach Punkten")
    for phone in phones:
        phone.locator(".board-group", has_text="Familienzentren").locator(".vote-add").click()
        phone.wait_for_selector("#dots-left[data-left='2']")
    phones[2].locator(".board-card", has_text="Kein Kita-Platz").locator(".vote-add").click()
    phones[2].wait_for_selector("#dots-left[data-left='1']")
    leader = projector.locator(".ranking-island").first.locator(".rank").first
    leader.filter(has_text="Familienzentren").wait_for()
    expect(leader.locator(".rank-count")).to_have_text("3")
    screenshot(projector, "session-projector-ranking")
    screenshot(board, "session-board")

    # Going back to Ordnen and forth keeps every dot.
    set_phase(board, "3. Ordnen", phones, "Ordnen")
    set_phase(board, "4. Gewichten", phones, "Gewichten")
    phones[0].wait_for_selector("#dots-left[data-left='2']")
    server.expect_rows("SELECT count(*) FROM votes", [(4,)])

    # 6. Abschluss: phones are read-only, the projector shows the summary.
    set_phase(board, "6. Abschluss", phones, "Abschluss")
    for phone in phones:
        phone.wait_for_selector("#thanks:visible")
        assert phone.locator("form:visible").count() == 0
    screenshot(phones[0], "session-phone-closing", full_page=True)
    assert page_errors.messages == []
