"""What the phone tells its participant, and where keyboard focus is after each action."""

import pytest
from playwright.sync_api import expect

from .actors import Facilitator, Phone
from .conftest import PHONE, go_offline, login

LONG = "Familienzentrum am Marktplatz mit offenem Café " * 7  # 329 characters


@pytest.fixture
def facilitator(server):
    """The facilitator's live connection to the demo event."""
    person = Facilitator(server)
    yield person
    person.close()


def island_id(server, position):
    return server.query("SELECT id FROM islands ORDER BY position, id")[position - 1][0]


def open_phone(browser, server, page_errors, position=1, **context):
    """A phone seated at an island (by its table's QR code), connected."""
    phone = page_errors.watch(browser.new_context(viewport=PHONE, **context).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}/{island_id(server, position)}")
    phone.wait_for_selector(".status-online")
    phone.wait_for_selector("#card-form:visible")
    return phone


def post_card(phone, text, kind="resource"):
    phone.check(f"input[name=kind][value={kind}]")
    phone.fill("#text", text)
    phone.click("#card-form button[type=submit]")
    phone.locator(".card", has_text=text).locator(".status-saved").wait_for()


def focused(page):
    """What has keyboard focus: its id, else its data-focus-key, else its tag."""
    return page.evaluate("() => { const a = document.activeElement;"
                         " return a.id || a.dataset.focusKey || a.tagName; }")


def test_a_hidden_card_says_so_to_its_author_and_vanishes_for_the_others(
        browser, server, facilitator, page_errors, screenshot):
    author = open_phone(browser, server, page_errors)
    other = open_phone(browser, server, page_errors)
    post_card(author, "Nachbarschaftshilfe Ottobrunn")
    other.locator(".card-text", has_text="Nachbarschaftshilfe").wait_for()
    card_id = server.query("SELECT id FROM cards")[0][0]

    facilitator.call("moderate", {"action": "hide", "card_id": card_id})
    notes = author.locator("#my-notes")
    expect(notes.locator(".card-hidden")).to_contain_text("von der Moderation ausgeblendet")
    expect(notes.locator(".card-hidden")).to_contain_text("Nachbarschaftshilfe Ottobrunn")
    expect(author.locator("#announce")).to_contain_text(
        "Eine Ihrer Karten wurde von der Moderation ausgeblendet.")
    expect(other.locator("#announce")).not_to_contain_text("ausgeblendet")
    expect(author.locator("#list-resource .card-text")).to_have_count(0)
    expect(author.locator("#count-resource")).to_have_text("0")
    expect(other.locator(".card-text", has_text="Nachbarschaftshilfe")).to_have_count(0)
    expect(other.locator("#my-notes")).to_be_hidden()
    author.evaluate("window.scrollTo(0, 0)")
    screenshot(author, "phone-hidden-card")

    # Still there after a reload, and still in the later phases.
    author.reload()
    expect(author.locator("#my-notes .card-hidden")).to_contain_text("ausgeblendet")
    facilitator.phase("vote")
    expect(author.locator("#board")).to_be_visible()
    expect(author.locator("#my-notes .card-hidden")).to_be_visible()
    expect(author.locator("#board .card-text", has_text="Nachbarschaftshilfe")).to_have_count(0)

    facilitator.call("moderate", {"action": "unhide", "card_id": card_id})
    expect(author.locator("#my-notes")).to_be_hidden()
    expect(author.locator("#board .card-text", has_text="Nachbarschaftshilfe")).to_be_visible()
    expect(other.locator("#board .card-text", has_text="Nachbarschaftshilfe")).to_be_visible()
    assert page_errors.messages == []


def test_a_card_refused_in_abschluss_stays_with_its_reason_and_what_to_do(
        browser, server, facilitator, page_errors, screenshot):
    phone = open_phone(browser, server, page_errors)
    # Every sentence the status region speaks (the phase change may follow the refusal).
    phone.evaluate("""() => { window.spoken = [];
        new MutationObserver(() => window.spoken.push(document.getElementById('announce')
          .textContent)).observe(document.getElementById('announce'),
          { childList: true, characterData: true, subtree: true }); }""")
    go_offline(phone)
    phone.fill("#text", "Lernpatenschaften der Realschule")
    phone.click("#card-form button[type=submit]")
    facilitator.phase("closing")
    phone.context.set_offline(False)
    refused = phone.locator("#my-notes .card-refused")
    expect(refused).to_be_visible(timeout=10000)
    expect(refused).to_contain_text("Lernpatenschaften der Realschule")
    expect(refused.locator(".status-failed")).to_contain_text("abgeschlossen")
    expect(refused.locator(".card-todo")).to_contain_text("zeigen Sie ihn der Moderation")
    expect(refused.get_by_role("button", name="Erneut senden")).to_have_count(0)
    expect(phone.locator("#thanks")).to_be_visible()
    phone.wait_for_function(
        "window.spoken.some((text) => text.includes('nicht gespeichert'))", timeout=5000)
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "phone-refused-in-closing")
    assert server.query("SELECT count(*) FROM cards") == [(0,)]

    # Discarding it is the participant's choice; focus stays on the section, not <body>.
    refused.get_by_role("button", name="Verwerfen").click()
    expect(phone.locator("#my-notes")).to_be_hidden()
    assert focused(phone) != "BODY"
    assert page_errors.messages == []


def test_a_text_over_280_characters_is_refused_with_a_message_never_cut(
        browser, server, page_errors):
    phone = open_phone(browser, server, page_errors)
    field = phone.locator("#text")
    field.focus()
    # A paste: the whole text arrives at once.
    field.evaluate("(node, text) => { node.value = text;"
                   " node.dispatchEvent(new Event('input', { bubbles: true })); }", LONG)
    expect(field).to_have_value(LONG)
    expect(phone.locator("#text-counter")).to_have_text(f"{len(LONG) - 280} Zeichen zu viel")
    expect(phone.locator("#text-error")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()
    assert described == ["text-counter", "text-error"]

    phone.click("#card-form button[type=submit]")
    expect(phone.locator("#text-error")).to_contain_text("49 Zeichen zu lang")
    assert focused(phone) == "text"
    expect(field).to_have_value(LONG)
    phone.wait_for_timeout(300)
    assert server.query("SELECT count(*) FROM cards") == [(0,)]

    field.fill(LONG[:280])
    expect(phone.locator("#text-counter")).to_have_text("0 Zeichen übrig")
    expect(phone.locator("#text-error")).to_be_hidden()
    expect(field).to_have_attribute("aria-invalid", "false")
    phone.click("#card-form button[type=submit]")
    server.expect_rows("SELECT length(text) FROM cards", [(280,)])
    assert page_errors.messages == []


def test_the_phase_and_the_timer_stay_in_view_while_writing(browser, server, facilitator,
                                                            page_errors):
    phone = open_phone(browser, server, page_errors)
    facilitator.timer("start", 600)
    phone.wait_for_selector("#timer[data-state=running]")
    for n in range(6):
        post_card(phone, f"Ressource Nummer {n} mit etwas längerem Text zum Scrollen")
    phone.locator("#list-resource .card").last.scroll_into_view_if_needed()
    assert phone.evaluate("window.scrollY") > 300
    for selector in ("#phase", "#timer-value"):
        box = phone.locator(selector).bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 200, selector
    assert phone.text_content("#phase") == "Sammeln"

    # Going back up by Shift+Tab, no focused control hides under the sticky header.
    phone.locator("footer a").focus()
    for _ in range(20):
        phone.keyboard.press("Shift+Tab")
        top, header = phone.evaluate("""() => [
            document.activeElement.getBoundingClientRect().top,
            document.getElementById('phone-header').getBoundingClientRect().bottom]""")
        assert top >= header - 1, (focused(phone), top, header)
    assert page_errors.messages == []


def test_the_island_switch_marks_the_current_island_and_can_be_cancelled(
        browser, server, page_errors):
    phone = open_phone(browser, server, page_errors, position=2)
    name = phone.text_content("#island-name")
    phone.get_by_role("button", name="Insel wechseln").click()
    assert focused(phone) == "choose-title"
    current = phone.locator(".island-button[aria-current=true]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(name)
    expect(current).to_contain_text("Ihre Insel")
    phone.get_by_role("button", name="Abbrechen").click()
    expect(phone.locator("#island-name")).to_have_text(name)
    assert focused(phone) == "change-island"
    assert server.query("SELECT island_id FROM participants") == [(island_id(server, 2),)]

    phone.get_by_role("button", name="Insel wechseln").click()
    phone.locator(".island-button").nth(2).click()
    expect(phone.locator("#island-name")).not_to_have_text(name)
    assert focused(phone) == "island-name"
    server.expect_rows("SELECT island_id FROM participants", [(island_id(server, 3),)])
    assert page_errors.messages == []


def test_keyboard_focus_follows_every_action_and_survives_live_updates(
        browser, server, facilitator, page_errors):
    phone = open_phone(browser, server, page_errors)
    other = Phone(server.url, server.join_code, island_id(server, 1))
    try:
        post_card(phone, "Jugendtreff am Bahnhof")
        expect(phone.locator("#announce")).to_have_text("Karte gespeichert.")
        assert focused(phone) == "text"

        # Bearbeiten names its card and moves focus into the edit field.
        card_id = server.query("SELECT id FROM cards")[0][0]
        edit = phone.get_by_role("button", name="Bearbeiten: Jugendtreff am Bahnhof")
        edit.focus()
        phone.keyboard.press("Enter")
        field = phone.locator(".edit-form textarea")
        expect(field).to_be_focused()

        # Another phone's card arrives while typing: focus and every keystroke stay.
        phone.keyboard.press("End")
        phone.keyboard.type(", offen ab 14")
        other.card("Schulsozialarbeit der Grundschule")
        phone.locator(".card-text", has_text="Schulsozialarbeit").wait_for()
        phone.keyboard.type(" Uhr")
        expect(field).to_be_focused()
        expect(field).to_have_value("Jugendtreff am Bahnhof, offen ab 14 Uhr")

        phone.keyboard.press("Tab")  # the detail field
        phone.keyboard.press("Tab")  # Speichern
        phone.keyboard.press("Enter")
        phone.locator(".card-text", has_text="offen ab 14 Uhr").wait_for()
        assert focused(phone) == f"edit-{card_id}"
        expect(phone.locator("#announce")).to_have_text("Karte geändert.")

        # A live update while a card's button has focus keeps it there.
        other.card("Stadtbibliothek")
        phone.locator(".card-text", has_text="Stadtbibliothek").wait_for()
        assert focused(phone) == f"edit-{card_id}"

        # Löschen asks on the card (no browser dialog); Abbrechen goes back to Löschen.
        phone.get_by_role("button", name="Löschen: Jugendtreff").focus()
        phone.keyboard.press("Enter")
        confirm = phone.get_by_role("group", name="Diese Karte wirklich löschen?")
        expect(confirm.get_by_role("button", name="Ja, löschen")).to_be_focused()
        phone.keyboard.press("Tab")
        phone.keyboard.press("Enter")  # Abbrechen
        assert focused(phone) == f"delete-{card_id}"
        assert server.query("SELECT count(*) FROM cards WHERE deleted_at IS NULL") == [(3,)]
        phone.keyboard.press("Enter")
        other.card("Familienbildungsstätte")  # a live update while the question is open
        phone.locator(".card-text", has_text="Familienbildungsstätte").wait_for()
        expect(confirm.get_by_role("button", name="Ja, löschen")).to_be_focused()
        phone.keyboard.press("Enter")
        expect(phone.locator(".card-text", has_text="Jugendtreff")).to_have_count(0)
        assert focused(phone) == "head-resource"
        expect(phone.locator("#announce")).to_have_text("Karte gelöscht.")

        # A phase change takes focus to the new view's heading, never to <body>.
        phone.locator("#text").focus()
        facilitator.phase("organise")
        expect(phone.locator("#board")).to_be_visible()
        assert focused(phone) == "board-title"
    finally:
        other.close()
    assert page_errors.messages == []


def test_live_regions_stay_quiet_while_the_timer_runs_and_speak_once_per_card(
        browser, server, facilitator, page_errors):
    phone = open_phone(browser, server, page_errors)
    phone.evaluate("""() => {
        window.spoken = [];
        const regions = document.querySelectorAll('[role=status], [role=alert], [aria-live]');
        const last = new Map();
        const watch = new MutationObserver(() => regions.forEach((r) => {
            const text = r.hidden ? '' : r.textContent.trim();
            if (text === (last.get(r) || '')) return;
            last.set(r, text);
            if (text) window.spoken.push(text);
        }));
        regions.forEach((r) => watch.observe(r, { childList: true, subtree: true,
                                                  characterData: true, attributes: true }));
        window.regions = [...regions].map((r) => r.id);
    }""")
    assert phone.evaluate("window.regions") == ["message", "announce"]
    facilitator.timer("start", 120)
    phone.wait_for_selector("#timer[data-state=running]")
    phone.wait_for_timeout(4500)  # four ticks of the visible countdown
    assert phone.evaluate("window.spoken") == ["Die Zeit läuft: noch 02:00."]
    post_card(phone, "Familienpatinnen")
    post_card(phone, "Tafel Ottobrunn")
    phone.wait_for_timeout(1500)
    assert phone.evaluate("window.spoken") == [
        "Die Zeit läuft: noch 02:00.", "Karte gespeichert.", "Karte gespeichert."]
    facilitator.timer("pause")
    expect(phone.locator("#announce")).to_contain_text("angehalten")
    assert len(phone.evaluate("window.spoken")) == 4
    assert page_errors.messages == []


def test_the_time_is_up_is_said_once_at_zero(browser, server, facilitator, page_errors):
    phone = open_phone(browser, server, page_errors)
    facilitator.timer("start", 2)
    phone.wait_for_selector("#timer[data-state=done]", timeout=6000)
    expect(phone.locator("#announce")).to_have_text("Die Zeit ist um.")
    assert page_errors.messages == []


# 683×384: a 1366×768 laptop at 200 % zoom.
@pytest.mark.parametrize(("path", "width"), [("phone", 320), ("events", 320), ("events", 683),
                                             ("preparation", 320), ("preparation", 683)])
def test_no_sideways_scrolling_at_320_px_and_200_percent(browser, server, page_errors, path,
                                                        width):
    context = browser.new_context(viewport={"width": width, "height": 384 if width == 683 else 640})
    page = page_errors.watch(context.new_page())
    if path == "phone":
        page.goto(f"{server.url}/j/{server.join_code}/{island_id(server, 1)}")
        page.wait_for_selector("#card-form:visible")
        page.check("input[name=kind][value=barrier]")
    else:
        login(page, server.url)
        if path == "preparation":
            page.goto(f"{server.url}/admin/events/{server.event_id}")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{path} is {wide} px wide"
    if path == "phone":
        label = page.locator(".kind-barrier").bounding_box()
        assert label["x"] + label["width"] <= width
    assert page_errors.messages == []


def test_the_board_counts_one_person_and_its_log_names_the_card(browser, server, facilitator,
                                                                page_errors):
    from .conftest import facilitator_page
    board = facilitator_page(browser, server, page_errors, f"/admin/events/{server.event_id}/live")
    board.wait_for_selector(".status-online")
    phone = Phone(server.url, server.join_code, island_id(server, 1))
    try:
        text = "Nachbarschaftshilfe Ottobrunn mit Fahrdienst zum Arzt und zur Tafel"
        card = phone.card(text)
        seated = board.locator(f".board-island[data-island-id='{island_id(server, 1)}'] "
                               ".island-seated")
        expect(seated).to_have_text("1 Person", timeout=5000)
        facilitator.call("moderate", {"action": "hide", "card_id": card["id"]})
        # Who did what to which card: its text, shortened to 60 characters.
        expect(board.locator("#log li").first).to_contain_text(
            f"Moderation hat „{text[:59].rstrip()}…“ ausgeblendet")
    finally:
        phone.close()
    assert page_errors.messages == []


def test_a_wrong_code_is_focused_and_tied_to_its_field(browser, server):
    phone = browser.new_context(viewport=PHONE).new_page()  # the page's status is 404
    phone.goto(f"{server.url}/join?code=FALSCH99")
    expect(phone.locator("#code-error")).to_be_focused()
    expect(phone.locator("#code")).to_have_attribute("aria-describedby", "code-error")
    expect(phone.locator("#code")).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("footer a[lang=en]")).to_have_text("English")


def test_a_refused_profile_field_is_marked_focused_and_tied_to_its_message(
        browser, server, page_errors):
    phone = open_phone(browser, server, page_errors)
    phone.click("#profile-toggle")
    offer = phone.locator("#offer")
    # The field stops at 280 characters; a browser that ignores maxlength sends more.
    offer.evaluate("field => field.removeAttribute('maxlength')")
    offer.fill(LONG)
    phone.get_by_role("button", name="Profil speichern").click()
    expect(offer).to_have_attribute("aria-invalid", "true")
    expect(offer).to_be_focused()
    expect(offer).to_have_attribute("aria-describedby", "profile-error")
    expect(phone.locator("#profile-error")).to_contain_text("280")
    # The message sits right after the field it is about.
    assert phone.evaluate(
        "document.querySelector('#offer').closest('label').nextElementSibling.id") == (
        "profile-error")
    assert server.query("SELECT offer FROM participants") == [(None,)]

    offer.fill("Sprechstunde für Eltern")
    phone.get_by_role("button", name="Profil speichern").click()
    expect(phone.locator("#profile-saved")).to_be_visible()
    expect(offer).not_to_have_attribute("aria-invalid", "true")
    expect(offer).not_to_have_attribute("aria-describedby", "profile-error")
    expect(phone.locator("#profile-error")).to_be_hidden()
    # The name field keeps its hint as its description.
    expect(phone.locator("#display-name")).to_have_attribute("aria-describedby", "name-hint")
    assert page_errors.messages == []


def test_case_buttons_switch_the_case_and_keep_focus(browser, server, page_errors):
    from .actors import Web
    Web(server.url).post(f"/admin/islands/{island_id(server, 1)}/cases", {
        "title": "Herr K.: allein nach der Reha", "situation": "Seit dem Schlaganfall …",
        "goal": "Wieder selbst einkaufen gehen."})
    phone = open_phone(browser, server, page_errors)
    buttons = phone.locator("#case-tabs button")
    expect(buttons).to_have_count(2)
    assert phone.locator("#case-tabs").get_attribute("role") == "group"
    assert phone.locator("[role=tab]").count() == 0  # plain buttons, not a half tab pattern
    expect(buttons.first).to_have_attribute("aria-pressed", "true")
    buttons.nth(1).focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#case-title")).to_have_text("Herr K.: allein nach der Reha")
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(buttons.first).to_have_attribute("aria-pressed", "false")
    expect(buttons.nth(1)).to_be_focused()
    assert page_errors.messages == []
