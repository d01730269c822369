"""The board at real size (8 islands × 40 cards) on a 1366×768 laptop, and down to 320 px."""

import pytest
from playwright.sync_api import expect

from .conftest import login
from .real_size import CARDS_PER_ISLAND, ISLANDS, real_size_server
from .test_board import drag, name_group, no_dialogs, pick_up, put_down

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """One real-size server for the module: (Server, seeded ids)."""
    with real_size_server(tmp_path_factory.mktemp("real-size")) as found:
        yield found


def open_board(browser, server, page_errors, viewport=LAPTOP, path=None):
    context = browser.new_context(viewport=viewport)
    page = page_errors.watch(context.new_page())
    if path is None:
        login(page, server.url)
        path = f"/admin/events/{server.event_id}/live"
    page.goto(f"{server.url}{path}")
    page.wait_for_selector(".status-online")
    page.locator(".board-island .card").first.wait_for()
    no_dialogs(page)
    return page


def horizontal_overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")


def drag_scrolling(page, source, target):
    """Hold a card near the top edge until the page has scrolled the target into view, drop."""
    x, _ = pick_up(page, source)
    page.mouse.move(x, 6, steps=15)   # the top edge: SortableJS scrolls the page up
    for step in range(200):
        box = target.bounding_box()
        if box and box["y"] > 60:
            break
        page.mouse.move(x, 4 + step % 3)
        page.wait_for_timeout(50)
    assert target.bounding_box()["y"] > 60, "the page did not scroll while dragging"
    page.mouse.move(x, 400, steps=5)   # away from the edge: the scrolling stops
    page.wait_for_timeout(300)
    put_down(page, target)


def test_real_size_board_on_a_laptop(browser, big, page_errors, screenshot):
    server, seeded = big
    page = open_board(browser, server, page_errors)
    expect(page.locator(".board-island")).to_have_count(ISLANDS)
    expect(page.locator(".board-island .card")).to_have_count(ISLANDS * CARDS_PER_ISLAND)
    assert horizontal_overflow(page) <= 0
    first = page.locator(".board-island").first
    # Resources and barriers in their own columns, each marked by a word and a symbol.
    expect(first.locator(".column-resource .card-barrier")).to_have_count(0)
    expect(first.locator(".column-barrier .card-resource")).to_have_count(0)
    expect(first.locator(".column-barrier .card").first.locator(".card-kind")).to_have_text(
        "!Barriere")
    # A group shows its dots once: the total on the group, none on its cards.
    group = page.locator(f".group[data-group-id='{seeded['group_id']}']")
    expect(group.locator(".group-head .votes")).to_have_text("● 3 Punkte")
    expect(group.locator(".card .votes")).to_have_count(0)
    expect(first.locator(".island-stats")).to_contain_text("● 3 Punkte")
    screenshot(page, "facilitator-board")  # the README's

    # Drag the island's last resource card from far down the page into the group at the top.
    last = first.locator(".column-resource > .drop-list:not(.drop-new) > .card").last
    last_id = int(last.get_attribute("data-card-id"))
    drag_scrolling(page, last, group.locator(".drop-list"))
    expect(group.locator(".card")).to_have_count(3)
    server.expect_rows(f"SELECT group_id FROM cards WHERE id = {last_id}",
                       [(seeded["group_id"],)])
    expect(group.locator(".group-head .votes")).to_have_text("● 3 Punkte")

    # The "new group" zone stays in view: from the bottom of island 2's barriers, straight up.
    second = page.locator(".board-island").nth(1)
    deep = second.locator(".column-barrier .card").last
    deep.scroll_into_view_if_needed()
    zone = second.locator(".column-barrier .drop-new")
    assert zone.bounding_box()["y"] >= 0 and zone.is_visible()
    deep_id = int(deep.get_attribute("data-card-id"))
    drag(page, deep, zone)
    name_group(page, "Fahrtzeiten")
    second.locator(".group", has_text="Fahrtzeiten").wait_for()
    server.expect_rows("SELECT g.label FROM cards c JOIN card_groups g ON g.id = c.group_id"
                       f" WHERE c.id = {deep_id}", [("Fahrtzeiten",)])
    assert page_errors.messages == []


def test_islands_collapse_and_filter(browser, big, page_errors):
    server, _ = big
    page = open_board(browser, server, page_errors)
    page.get_by_role("button", name="Alle einklappen").click()
    expect(page.locator(".board-island .card")).to_have_count(0)
    expect(page.locator(".island-toggle[aria-expanded=false]")).to_have_count(ISLANDS)
    toggle = page.locator(".island-toggle").nth(2)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".board-island .card")).to_have_count(CARDS_PER_ISLAND)
    page.get_by_label("Inseln zeigen").select_option(label="Insel 2: Jugend und Schule")
    expect(page.locator(".board-island")).to_have_count(1)
    # What was folded or filtered stays so after a reload on this laptop.
    page.reload()
    page.wait_for_selector(".status-online")
    expect(page.locator(".board-island")).to_have_count(1)
    page.get_by_label("Inseln zeigen").select_option(label="Alle Inseln")
    page.get_by_role("button", name="Alle aufklappen").click()
    expect(page.locator(".board-island .card")).to_have_count(ISLANDS * CARDS_PER_ISLAND)
    assert page_errors.messages == []


def test_board_and_host_page_reflow_at_320_px_and_200_percent(browser, big, page_errors,
                                                              screenshot):
    server, seeded = big
    narrow = {"width": 320, "height": 640}
    page = open_board(browser, server, page_errors, viewport=narrow)
    assert horizontal_overflow(page) <= 0
    page.locator(".board-island .card .menu-toggle").first.click()
    assert horizontal_overflow(page) <= 0
    screenshot(page, "board-320")
    # The 1366×768 laptop at 200 % zoom: 683×384 CSS pixels.
    page.set_viewport_size({"width": 683, "height": 384})
    assert horizontal_overflow(page) <= 0
    screenshot(page, "board-200-percent")
    token = server.query(f"SELECT host_token FROM islands WHERE id = {seeded['island_id']}")[0][0]
    host = open_board(browser, server, page_errors, viewport=narrow, path=f"/h/{token}")
    expect(host.locator(".board-island")).to_have_count(1)
    assert horizontal_overflow(host) <= 0
    # The host page shares the board's focus keeping: Space ticks, the focus stays.
    box = host.locator(".select-card").first
    box.focus()
    host.keyboard.press("Space")
    expect(box).to_be_checked()
    assert host.evaluate("document.activeElement.dataset.focusKey") == (
        f"card:{host.locator('.card').first.get_attribute('data-card-id')}:select")
    assert page_errors.messages == []
