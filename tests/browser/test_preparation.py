"""Preparing an event in the browser: a table without a case, deleting only after asking."""

from playwright.sync_api import expect

from .conftest import PHONE, PROJECTOR, login


def test_island_without_case_is_flagged_and_deleting_asks_first(browser, server, page_errors):
    page = page_errors.watch(browser.new_context(viewport=PROJECTOR).new_page())
    login(page, server.url)
    page.goto(f"{server.url}/admin/events/{server.event_id}")
    page.fill("input[name=name][placeholder='Name der neuen Arbeitsinsel']", "Thementisch Kita")
    page.get_by_role("button", name="Insel hinzufügen").click()
    table = page.locator(".island-admin", has=page.locator("input[value='Thementisch Kita']"))
    expect(table.locator(".warning")).to_contain_text("Noch kein Fallbeispiel")

    # A phone at that table is told why there is nothing to write on, instead of a blank page.
    island_id = server.query("SELECT id FROM islands WHERE name = 'Thementisch Kita'")[0][0]
    phone = page_errors.watch(browser.new_context(viewport=PHONE, is_mobile=True).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}/{island_id}")
    expect(phone.locator("#no-case")).to_be_visible()
    expect(phone.locator("#card-form")).to_be_hidden()

    # Deleting a case asks first; "Abbrechen" keeps it.
    first = page.locator(".island-admin").first
    first.locator("details.case-admin summary").first.click()
    case_title = first.locator("details.case-admin summary").first.text_content()
    page.once("dialog", lambda dialog: dialog.dismiss())
    first.get_by_role("button", name="Fallbeispiel löschen").first.click()
    page.wait_for_timeout(300)
    assert server.query("SELECT count(*) FROM cases WHERE title = ?", case_title) == [(1,)]
    page.once("dialog", lambda dialog: dialog.accept())
    first.get_by_role("button", name="Fallbeispiel löschen").first.click()
    page.wait_for_load_state()
    server.expect_rows(f"SELECT count(*) FROM cases WHERE title = '{case_title}'", [(0,)])
    assert page_errors.messages == []
