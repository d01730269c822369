"""A phone, a facilitator and a projector at once, as people use them."""

import io

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from .actors import Facilitator
from .conftest import PHONE, facilitator_page, go_offline, open_projector

HTML_TEXT = "<b>Familienzentrum</b> <img src=x onerror=alert(1)>"


def decode_qr(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert results, "no QR code found in the screenshot"
    return results[0].text


def post_card(phone, text, kind="resource", detail=""):
    phone.check(f"input[name=kind][value={kind}]")
    phone.fill("#text", text)
    phone.fill("#detail", detail)
    phone.click("#card-form button[type=submit]")


def test_phone_joins_by_qr_and_card_appears_live_everywhere(browser, server, page_errors,
                                                            screenshot):
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector(".wall-island")
    join_url = decode_qr(projector.locator(".qr-big").screenshot())
    assert join_url == f"{server.url}/j/{server.join_code}"

    facilitator = facilitator_page(browser, server, page_errors,
                                   f"/admin/events/{server.event_id}/live")
    facilitator.wait_for_selector(".status-online")

    phone = page_errors.watch(browser.new_context(viewport=PHONE, is_mobile=True,
                                                  has_touch=True).new_page())
    phone.goto(join_url)
    screenshot(phone, "phone-choose-island")
    phone.get_by_role("button", name="Insel 1: Ankommen im Viertel").click()
    phone.wait_for_selector("#case-title:has-text('Familie A.')")
    post_card(phone, HTML_TEXT, detail="Marktplatz 3, Mo–Fr")
    saved = phone.locator(".card-resource", has_text="Familienzentrum")
    saved.locator(".status-saved").wait_for()
    assert phone.locator("#list-resource b").count() == 0

    wall_card = projector.locator(".wall-island[data-island-id] .card-text",
                                  has_text="Familienzentrum")
    wall_card.wait_for()
    assert wall_card.text_content() == HTML_TEXT
    assert projector.locator(".wall b, .wall img").count() == 0
    facilitator.locator(".card-text", has_text="Familienzentrum").wait_for()
    assert facilitator.locator(".card-detail", has_text="Marktplatz 3").count() == 1

    post_card(phone, "Kein Kita-Platz in Wohnortnähe", kind="barrier")
    projector.locator(".card-barrier", has_text="Kein Kita-Platz").wait_for()
    assert projector.locator("#total-resource").text_content() == "1"
    assert projector.locator("#total-barrier").text_content() == "1"
    screenshot(phone, "phone-island", full_page=True)
    screenshot(projector, "projector")
    screenshot(facilitator, "facilitator-live")
    facilitator.goto(f"{server.url}/admin/events/{server.event_id}")
    screenshot(facilitator, "facilitator-prepare", full_page=True)
    assert server.query("SELECT count(*) FROM cards") == [(2,)]
    assert page_errors.messages == []


def test_phone_edits_and_deletes_own_card_live(browser, server, page_errors):
    projector = open_projector(browser, server, page_errors)
    phone = page_errors.watch(browser.new_context(viewport=PHONE).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}/{_island_id(server, 2)}")
    phone.wait_for_selector("#case-title:has-text('Jonas')")
    post_card(phone, "Basketballverein")
    phone.locator(".status-saved").wait_for()
    phone.get_by_role("button", name="Bearbeiten").click()
    phone.fill(".edit-form textarea", "Basketballverein TSV, Training Di 17 Uhr")
    phone.click(".edit-form button[type=submit]")
    projector.locator(".card-text", has_text="Training Di 17 Uhr").wait_for()
    phone.once("dialog", lambda dialog: dialog.accept())
    own_card = phone.locator(".card", has_text="Basketballverein")
    own_card.get_by_role("button", name="Löschen").click()
    projector.locator(".card-text", has_text="Basketballverein").wait_for(state="detached")
    assert page_errors.messages == []


def test_wrong_input_shows_german_message_and_stores_nothing(browser, server):
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{server.url}/join?code=FALSCH99")
    assert "Diesen Zugangscode gibt es nicht" in phone.text_content(".error")
    phone.fill("#code", server.join_code.lower())
    phone.click("button[type=submit]")
    phone.get_by_role("button", name="Insel 3: Sprache und Teilhabe").click()
    phone.click("#card-form button[type=submit]")
    assert phone.locator("#message").text_content() == "Bitte zuerst einen Text eintragen."
    assert server.query("SELECT count(*) FROM cards") == [(0,)]


def test_offline_card_is_kept_and_arrives_exactly_once(browser, server, page_errors):
    projector = open_projector(browser, server, page_errors)
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{server.join_code}/{_island_id(server, 1)}")
    phone.wait_for_selector(".status-online")
    phone.wait_for_selector("#case-title:has-text('Familie A.')")

    go_offline(phone)
    post_card(phone, "Stadtteilmütter begleiten zu Ämtern")
    pending = phone.locator(".card-pending", has_text="Stadtteilmütter")
    assert "wartet auf Verbindung" in pending.text_content()
    assert server.query("SELECT count(*) FROM cards") == [(0,)]

    context.set_offline(False)
    phone.locator(".card-resource .status-saved").wait_for()
    projector.locator(".card-text", has_text="Stadtteilmütter").wait_for()
    phone.wait_for_timeout(1500)  # leave time for any (wrong) second delivery
    assert projector.locator(".card-text", has_text="Stadtteilmütter").count() == 1
    assert server.query("SELECT count(*) FROM cards") == [(1,)]
    assert phone.locator(".card-pending").count() == 0


def test_card_refused_after_offline_is_kept_to_send_again_or_rewrite(browser, server,
                                                                      page_errors):
    """Written offline, refused when the phone came back (the phase had moved on): not lost."""
    boss = Facilitator(server)
    context = browser.new_context(viewport=PHONE)
    phone = page_errors.watch(context.new_page())
    phone.goto(f"{server.url}/j/{server.join_code}/{_island_id(server, 1)}")
    phone.wait_for_selector("#case-title:has-text('Familie A.')")
    phone.wait_for_selector(".status-online")
    go_offline(phone)
    post_card(phone, "Hausaufgabenhilfe im Jugendzentrum")
    post_card(phone, "Lotsinnen für Behördengänge")
    boss.phase("organise")
    context.set_offline(False)
    failed = phone.locator(".card-pending .status-failed")
    expect(failed).to_have_count(2, timeout=10000)
    assert "Sammeln" in failed.first.text_content()  # the server's reason, in plain words
    boss.phase("collect")
    phone.locator("#card-form").wait_for()

    first = phone.locator(".card-pending", has_text="Hausaufgabenhilfe")
    first.get_by_role("button", name="Erneut senden").click()
    phone.locator(".card-resource .status-saved").wait_for()
    server.expect_rows("SELECT text FROM cards", [("Hausaufgabenhilfe im Jugendzentrum",)])

    second = phone.locator(".card-pending", has_text="Lotsinnen")
    second.get_by_role("button", name="Zurück ins Formular").click()
    expect(phone.locator("#text")).to_have_value("Lotsinnen für Behördengänge")
    expect(phone.locator(".card-pending")).to_have_count(0)
    boss.close()
    assert page_errors.messages == []


def _island_id(server, position):
    return server.query("SELECT id FROM islands ORDER BY position, id")[position - 1][0]
