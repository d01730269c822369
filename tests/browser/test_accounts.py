"""Accounts as a facilitator uses them: the login, the accounts page, "Überall abmelden"."""

from .conftest import login
from .test_accessibility import check

LAPTOP = {"width": 1366, "height": 768}


def test_logout_everywhere_sends_the_open_board_away(browser, server, page_errors,
                                                     screenshot):
    venue = page_errors.watch(browser.new_context(viewport=LAPTOP).new_page())
    login(venue, server.url)
    venue.goto(f"{server.url}/admin/events/{server.event_id}/live")
    venue.wait_for_selector(".status-online")

    office = page_errors.watch(browser.new_context(viewport=LAPTOP, bypass_csp=True).new_page())
    office.goto(f"{server.url}/login")
    screenshot(office, "login-laptop")
    login(office, server.url)
    office.click("text=Konten")
    office.wait_for_selector("table.account-list")
    check(office, "accounts page")
    screenshot(office, "accounts-laptop", full_page=True)
    office.click("#everywhere button[type=submit]")
    office.wait_for_url("**/login")
    assert office.locator(".flash").inner_text() == "Sie sind jetzt überall abgemeldet."

    # The board at the venue is told at once and keeps no staff connection.
    venue.wait_for_selector(".status-signed_out:has-text('Bitte neu anmelden')")
    screenshot(venue, "board-signed-out-laptop")
    venue.reload()
    assert "/login" in venue.url
    assert page_errors.messages == []
