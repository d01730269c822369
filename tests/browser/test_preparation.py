"""Preparing an event in the browser: a table without a case, deleting only after asking."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, facilitator_page, open_projector


def test_island_without_case_is_flagged_and_deleting_asks_first(browser, server, page_errors,
                                                                 screenshot):
    page = facilitator_page(browser, server, page_errors, f"/admin/events/{server.event_id}")
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

    # Deleting a case asks first, in the page (a browser dialog fails the test): the question
    # is focused, "Abbrechen" keeps the case and gives the focus back to the button pressed.
    page.on("dialog", lambda d: (d.dismiss(), pytest.fail(f"browser dialog: {d.message}")))
    first = page.locator(".island-admin").first
    first.locator("details.case-admin summary").first.click()
    case_title = first.locator("details.case-admin summary").first.text_content()
    delete = first.get_by_role("button", name=f"Fallbeispiel löschen: {case_title}")
    delete.click()
    question = first.get_by_role("group", name=f"Das Fallbeispiel „{case_title}“ löschen?")
    expect(question.locator(".confirm-question")).to_be_focused()
    screenshot(page, "preparation-confirm-delete")
    question.get_by_role("button", name="Abbrechen").click()
    expect(question).to_have_count(0)
    expect(delete).to_be_focused()
    assert server.query("SELECT count(*) FROM cases WHERE title = ?", case_title) == [(1,)]
    delete.click()
    page.keyboard.press("Escape")
    expect(question).to_have_count(0)
    assert server.query("SELECT count(*) FROM cases WHERE title = ?", case_title) == [(1,)]
    delete.click()
    question.get_by_role("button", name=f"Fallbeispiel löschen: {case_title}").click()
    page.wait_for_load_state()
    server.expect_rows(f"SELECT count(*) FROM cases WHERE title = '{case_title}'", [(0,)])

    # A category too (the button is a "×" with its words for screen readers).
    label = server.query("SELECT label FROM categories ORDER BY id")[-1][0]
    page.get_by_role("button", name=f"Kategorie löschen: {label}").click()
    page.get_by_role("group", name=f"Die Kategorie „{label}“ löschen?").get_by_role(
        "button", name=f"Kategorie löschen: {label}").click()
    server.expect_rows(f"SELECT count(*) FROM categories WHERE label = '{label}'", [(0,)])
    assert page_errors.messages == []


def test_a_renewed_projector_link_sends_the_old_screen_away(browser, server, page_errors):
    projector = open_projector(browser, server, page_errors)
    page = facilitator_page(browser, server, page_errors, f"/admin/events/{server.event_id}")
    page.get_by_role("button", name="Neuen Beamer-Link erstellen").click()
    page.get_by_role("group", name=re.compile("Einen neuen Beamer-Link erstellen")).get_by_role(
        "button", name="Neuen Beamer-Link erstellen").click()
    expect(page.locator(".flash-info")).to_contain_text("Der alte funktioniert nicht mehr")
    expect(projector.locator("#status")).to_have_text(
        "Dieser Link gilt nicht mehr. Bitte den neuen Link der Moderation öffnen.")
    new_token = server.query("SELECT projector_token FROM events")[0][0]
    assert new_token != server.projector_token
    open_projector(browser, server, page_errors, token=new_token)
    assert page_errors.messages == []


PREP = {"width": 1366, "height": 768}


def test_the_page_follows_the_work_and_comes_back_where_it_was_saved(browser, server,
                                                                     page_errors, screenshot):
    from .conftest import login
    page = page_errors.watch(browser.new_context(viewport=PREP).new_page())
    login(page, server.url)
    # German dates in the event list, not ISO ones.
    date_text = page.locator(".event-list time").text_content()
    assert re.fullmatch(r"\w+, \d{1,2}\. \w+ \d{4}", date_text), date_text
    page.goto(f"{server.url}/admin/events/{server.event_id}")
    headings = page.locator("main section > h2").all_text_contents()
    assert headings == ["1. Angaben", "2. Arbeitsinseln und Fallbeispiele", "3. Kategorien",
                        "4. Ablauf", "5. Durchführung", "6. Dokumentation",
                        "Veranstaltung löschen"]
    screenshot(page, "preparation")

    # Every island's Speichern says which island; saving the second one comes back there.
    island = page.locator(".island-admin").nth(1)
    name = island.locator("h3").text_content()
    island.locator("input[name=capacity]").fill("12")
    page.get_by_role("button", name=f"Speichern: {name}").click()
    page.wait_for_url(f"**#island-{island_id(server, 2)}")
    flash = island.locator(".flashes")
    expect(flash).to_have_text("Gespeichert.")
    expect(flash).to_be_focused()
    heading = island.locator("h3").bounding_box()
    assert 0 <= heading["y"] < PREP["height"] / 2
    screenshot(page, "preparation-saved-island")

    # A refused change says why at its field: an alert, the field marked, described and focused.
    row = page.locator("#categories .row-form[id^=category-]").first
    label = row.locator("input[name=label]")
    label.fill("")
    label.evaluate("(n) => n.removeAttribute('required')")
    row.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**#category-*")
    expect(row.locator(".flashes[role=alert]")).to_contain_text("Bitte etwas eintragen")
    expect(label).to_be_focused()
    expect(label).to_have_attribute("aria-invalid", "true")
    expect(label).to_have_attribute("aria-describedby", "saved-message")
    assert "invalid=" not in page.url  # a reload does not mark it again
    assert page_errors.messages == []


def island_id(server, position):
    return server.query("SELECT id FROM islands ORDER BY position, id")[position - 1][0]
