"""A participant's phone through every phase of a session, driven by a facilitator's socket."""

import re

import pytest
from playwright.sync_api import expect

from .actors import Facilitator, Web
from .conftest import PHONE

NO_DOTS = "Sie haben alle Punkte für diese Insel vergeben."


@pytest.fixture
def facilitator(server):
    """The facilitator's live connection to the demo event."""
    person = Facilitator(server)
    yield person
    person.close()


def shot(screenshot, phone, name):
    """A whole-page screenshot from the top (the sticky header stays where it belongs)."""
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, name, full_page=True)


def new_phone(browser, page_errors):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    return page_errors.watch(context.new_page())


def open_island(phone, server, position=1):
    phone.goto(f"{server.url}/j/{server.join_code}")
    phone.locator(".island-button").nth(position - 1).click()
    phone.wait_for_selector("#island-name")


def post_card(phone, text, kind="resource"):
    phone.check(f"input[name=kind][value={kind}]")
    phone.fill("#text", text)
    phone.click("#card-form button[type=submit]")
    phone.locator(".card", has_text=text).locator(".status-saved").wait_for()


def card_id(server, text):
    return server.query("SELECT id FROM cards WHERE text = ?", text)[0][0]


def island_id(server, position):
    return server.query("SELECT id FROM islands ORDER BY position, id")[position - 1][0]


def timer_seconds(phone):
    minutes, seconds = phone.text_content("#timer-value").split(":")
    return int(minutes) * 60 + int(seconds)


def test_phone_through_all_phases(browser, server, facilitator, page_errors, screenshot):
    facilitator.phase("arrival")
    phone = new_phone(browser, page_errors)
    open_island(phone, server)
    phone.wait_for_selector("#phase:text-is('Ankommen')")
    assert "Wählen Sie Ihre Arbeitsinsel" in phone.text_content("#phase-help")
    assert phone.is_hidden("#card-form")
    assert phone.is_visible("#profile-form")
    assert phone.locator("#field-of-work option").first.text_content() == "keine Angabe"
    phone.select_option("#field-of-work", "Kita / Kindertagespflege")
    phone.fill("#organisation", "Kita Sonnenschein")
    phone.fill("#offer", "Elterncafé dienstags")
    phone.click("#profile-form button[type=submit]")
    phone.wait_for_selector("#profile-saved:has-text('gespeichert')")
    shot(screenshot, phone, "phone-arrival")
    assert server.query("SELECT field_of_work, organisation, offer, display_name FROM participants"
                        ) == [("Kita / Kindertagespflege", "Kita Sonnenschein",
                               "Elterncafé dienstags", None)]

    facilitator.phase("collect")
    phone.wait_for_selector("#phase:text-is('Sammeln')")
    assert phone.text_content("#phase-help") == ("Schreiben Sie Ressourcen und Barrieren zum "
                                                 "Fallbeispiel.")
    assert phone.is_hidden("#profile-form")
    post_card(phone, "Familienzentrum mit Café")
    post_card(phone, "Offener Treff im Stadtteilcafé")
    post_card(phone, "Kein Kita-Platz in Wohnortnähe", kind="barrier")
    shot(screenshot, phone, "phone-collect")
    # The profile stays reachable through a small link.
    phone.get_by_role("button", name="Mein Profil").click()
    assert phone.input_value("#organisation") == "Kita Sonnenschein"
    phone.get_by_role("button", name="Schließen").click()
    assert phone.is_hidden("#profile-form")

    facilitator.phase("organise")
    phone.wait_for_selector("#phase:text-is('Ordnen')")
    assert phone.is_hidden("#card-form")
    meeting = [card_id(server, "Familienzentrum mit Café"),
               card_id(server, "Offener Treff im Stadtteilcafé")]
    group = facilitator.call("group", {"action": "create", "card_ids": meeting,
                                       "label": "Treffpunkte"})["group"]
    box = phone.locator(".board-group", has_text="Treffpunkte")
    box.wait_for()
    assert box.locator(".card").count() == 2
    assert phone.locator(".board-card", has_text="Kein Kita-Platz").count() == 1
    facilitator.call("group", {"action": "dissolve", "group_id": group["id"]})
    box.wait_for(state="detached")
    assert phone.locator(".board-card").count() == 3
    facilitator.call("group", {"action": "create", "card_ids": meeting,
                               "label": "Treffpunkte im Viertel"})
    box = phone.locator(".board-group", has_text="Treffpunkte im Viertel")
    box.wait_for()
    shot(screenshot, phone, "phone-organise")

    facilitator.phase("vote")
    phone.wait_for_selector("#dots-left:text-is('Sie haben noch 3 von 3 Punkten.')")
    barrier = phone.locator(".board-card", has_text="Kein Kita-Platz")
    box.locator(".vote-add").click()
    phone.wait_for_selector("#dots-left[data-left='2']")
    box.locator(".vote-total:text-is('1 Punkt')").wait_for()
    assert "●" in box.locator(".my-dots").text_content()
    box.locator(".vote-add").click()
    phone.wait_for_selector("#dots-left[data-left='1']")
    box.locator(".vote-total:text-is('2 Punkte')").wait_for()
    box.get_by_role("button", name="− Punkt zurück für „Treffpunkte im Viertel“").click()
    phone.wait_for_selector("#dots-left[data-left='2']")
    box.locator(".vote-total:text-is('1 Punkt')").wait_for()
    barrier.locator(".vote-add").click()
    phone.wait_for_selector("#dots-left[data-left='1']")
    barrier.locator(".vote-add").click()
    phone.wait_for_selector("#dots-left:text-is('Sie haben noch 0 von 3 Punkten.')")
    barrier.locator(".vote-add").click()
    phone.wait_for_selector(f"#message:text-is('{NO_DOTS}')")
    barrier.locator(".my-dots", has_text="●●").wait_for()
    shot(screenshot, phone, "phone-vote")
    server.expect_rows("SELECT count(*) FROM votes", [(3,)])

    facilitator.phase("next_steps")
    phone.wait_for_selector("#phase:text-is('Nächste Schritte')")
    facilitator.call("agreement", {
        "island_id": island_id(server, 1), "what": "Kita-Sprechstunde im Familienzentrum",
        "who": "Kita Sonnenschein und ASD", "due": "bis 30. Juni",
        "card_ids": [card_id(server, "Kein Kita-Platz in Wohnortnähe")]})
    agreement = phone.locator(".agreement", has_text="Kita-Sprechstunde")
    agreement.wait_for()
    assert agreement.locator(".agreement-who").text_content() == "Kita Sonnenschein und ASD"
    assert agreement.locator(".agreement-due").text_content() == "bis 30. Juni"
    assert "Kein Kita-Platz in Wohnortnähe" in agreement.locator(".agreement-links").text_content()
    # Ranked by dots: the barrier with two dots comes first.
    assert "Kein Kita-Platz" in phone.locator(".board-item").first.text_content()
    shot(screenshot, phone, "phone-next-steps")

    facilitator.phase("closing")
    phone.wait_for_selector("#thanks:visible")
    assert phone.locator("form:visible").count() == 0
    assert phone.locator(".vote-add").count() == 0
    assert phone.is_hidden("#profile-toggle")
    assert phone.locator(".agreement").count() == 1
    assert phone.locator(".board-group", has_text="Treffpunkte im Viertel").count() == 1
    shot(screenshot, phone, "phone-closing")
    assert page_errors.messages == []


def test_timer_counts_down_pauses_and_is_right_after_reload(browser, server, facilitator,
                                                            page_errors, screenshot):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    # A phone whose clock is two hours wrong still counts right.
    context.add_init_script("(() => { const now = Date.now; "
                            "Date.now = () => now() + 7200000; })();")
    phone = page_errors.watch(context.new_page())
    open_island(phone, server)
    assert phone.is_hidden("#timer")
    facilitator.timer("start", 300)
    phone.wait_for_selector("#timer[data-state=running]")
    assert 295 <= timer_seconds(phone) <= 300
    expect(phone.locator("#timer-value")).to_have_text(re.compile(r"04:(5[0-8]|[0-4]\d)"))
    assert phone.evaluate("Date.now() - performance.timeOrigin - performance.now()") > 7000000
    screenshot(phone, "phone-timer")

    state = facilitator.timer("pause")
    phone.wait_for_selector("#timer[data-state=paused]")
    assert phone.is_visible("#timer-paused:has-text('pausiert')")
    assert timer_seconds(phone) == state["timer"]["remaining_s"]
    expect(phone.locator("#announce")).to_contain_text("angehalten")
    phone.wait_for_timeout(1100)
    assert timer_seconds(phone) == state["timer"]["remaining_s"]
    screenshot(phone, "phone-timer-paused")

    state = facilitator.timer("start")
    phone.wait_for_selector("#timer[data-state=running]")
    phone.reload()
    phone.wait_for_selector("#timer[data-state=running]")
    assert abs(timer_seconds(phone) - state["timer"]["remaining_s"]) <= 3
    facilitator.timer("stop")
    phone.wait_for_selector("#timer", state="hidden")
    assert page_errors.messages == []


def test_full_island_and_rotation_to_the_next_island(browser, server, facilitator, page_errors,
                                                     screenshot):
    server.query("UPDATE islands SET capacity = 1 WHERE id = ?", island_id(server, 1))
    first = new_phone(browser, page_errors)
    open_island(first, server, 1)
    first.wait_for_selector("#case-title:has-text('Familie A.')")

    second = new_phone(browser, page_errors)
    second.goto(f"{server.url}/j/{server.join_code}")
    second.locator(".island-button").first.click()
    second.wait_for_selector("#message:has-text('Diese Arbeitsinsel ist voll')")
    assert second.is_visible("#choose")
    assert second.is_hidden("#island")
    second.locator(".island-button").nth(1).click()
    second.wait_for_selector("#case-title:has-text('Jonas')")
    assert second.is_hidden("#message")

    facilitator.call("run", {"action": "rotate"})
    first.wait_for_selector("#case-title:has-text('Jonas')")
    assert first.text_content("#island-name") == "Insel 2: Jugend und Schule"
    assert first.text_content("#notice-text") == (
        "Sie sind jetzt an der Arbeitsinsel „Insel 2: Jugend und Schule“.")
    second.wait_for_selector("#case-title:has-text('Familie S.')")
    screenshot(first, "phone-rotated")
    # The phone now belongs to the new island's room: its card lands there and others see it.
    first.fill("#text", "Basketballverein")
    first.click("#card-form button[type=submit]")
    first.locator(".status-saved").wait_for()
    assert server.query("SELECT island_id FROM cards") == [(island_id(server, 2),)]
    first.click("#notice-close")
    assert first.is_hidden("#notice")
    assert page_errors.messages == []


def test_premoderated_card_waits_for_approval(browser, server, facilitator, page_errors):
    server.query("UPDATE events SET premoderation = 1")
    phone = new_phone(browser, page_errors)
    open_island(phone, server)
    phone.fill("#text", "Hausaufgabenhilfe der Gemeinde")
    phone.click("#card-form button[type=submit]")
    card = phone.locator(".card", has_text="Hausaufgabenhilfe")
    card.locator(".status-review:has-text('wartet auf Freigabe')").wait_for()
    facilitator.call("moderate", {"action": "approve",
                                  "card_id": card_id(server, "Hausaufgabenhilfe der Gemeinde")})
    card.locator(".status-review").wait_for(state="detached")
    assert card.locator(".status-saved").count() == 1
    assert page_errors.messages == []


def test_automatic_seats_need_no_choice_and_offer_no_switch(browser, server, page_errors):
    server.query("UPDATE events SET assignment = 'auto'")
    phone = new_phone(browser, page_errors)
    phone.goto(f"{server.url}/j/{server.join_code}")
    phone.wait_for_selector("#island-name:has-text('Insel 1')")
    assert phone.is_hidden("#change-island")
    assert phone.locator(".island-button").count() == 0
    assert page_errors.messages == []


def test_a_phone_without_a_seat_gets_one_when_seating_turns_automatic(browser, server,
                                                                       page_errors):
    phone = new_phone(browser, page_errors)
    phone.goto(f"{server.url}/j/{server.join_code}")
    phone.locator(".island-button").first.wait_for()  # free choice: the phone waits on it
    phone.wait_for_selector(".status-online")
    Web(server.url).post(f"/admin/events/{server.event_id}/settings", {
        "dots_per_island": "3", "max_dots_per_card": "", "assignment": "auto",
        "fields_of_work": "Schule", "projector_view": "auto"})
    phone.wait_for_selector("#island-name:has-text('Insel')")
    assert phone.is_hidden("#change-island")
    assert page_errors.messages == []
