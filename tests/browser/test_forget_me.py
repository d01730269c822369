""""Meine Daten löschen" on the phone: an inline confirmation, and every screen follows."""

from playwright.sync_api import expect

from .conftest import PHONE, open_projector
from .test_core_loop import post_card


def test_a_participant_deletes_their_data_from_the_phone(browser, server, page_errors,
                                                         screenshot):
    projector = open_projector(browser, server, page_errors)
    phone = page_errors.watch(browser.new_context(viewport=PHONE, is_mobile=True,
                                                  has_touch=True).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}")
    phone.get_by_role("button", name="Insel 1: Ankommen im Viertel").click()
    phone.wait_for_selector("#case-title:has-text('Familie A.')")
    post_card(phone, "Hausaufgabenhilfe im Jugendtreff")
    phone.locator(".card", has_text="Hausaufgabenhilfe").locator(".status-saved").wait_for()
    wall_card = projector.locator(".card-text", has_text="Hausaufgabenhilfe")
    wall_card.wait_for()
    cards_before = server.query("SELECT count(*) FROM cards WHERE deleted_at IS NULL")[0][0]

    link = phone.get_by_role("button", name="Meine Daten löschen")
    link.scroll_into_view_if_needed()
    screenshot(phone, "phone-forget-link")
    link.click()
    confirm = phone.locator("#forget-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Das lässt sich nicht rückgängig machen.")
    confirm.scroll_into_view_if_needed()
    screenshot(phone, "phone-forget-confirm")
    phone.get_by_role("button", name="Abbrechen").click()  # changes its mind first
    expect(confirm).to_be_hidden()
    assert server.query("SELECT count(*) FROM participants") == [(1,)]

    phone.get_by_role("button", name="Meine Daten löschen").click()
    phone.get_by_role("button", name="Ja, alles löschen").click()
    expect(phone.locator("#forget-done")).to_contain_text("Ihre Daten sind gelöscht.")
    expect(phone.locator("#island")).to_be_hidden()
    expect(wall_card).to_have_count(0)  # the projector drops the card at once
    screenshot(phone, "phone-forget-done")
    server.expect_rows("SELECT count(*) FROM participants", [(0,)])
    assert server.query("SELECT count(*) FROM cards WHERE deleted_at IS NULL") == [
        (cards_before - 1,)]
    assert server.query(
        "SELECT count(*) FROM cards WHERE text LIKE '%Hausaufgabenhilfe%'") == [(0,)]
    # The phone forgot its token and stays away: nobody new joins behind the user's back.
    assert phone.evaluate("Object.keys(localStorage).filter((k) => k.startsWith("
                          "'workshop:token:')).length") == 0
    phone.wait_for_timeout(500)
    assert server.query("SELECT count(*) FROM participants") == [(0,)]
    assert page_errors.messages == []
