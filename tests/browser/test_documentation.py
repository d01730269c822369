"""The Dokumentation as a facilitator and an island host use it: downloads, photos."""

import io

import docx
import pytest
from PIL import Image

from .conftest import PHONE, login
from .test_accessibility import check, screen

LAPTOP = {"width": 1366, "height": 768}


def _photo(path) -> str:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (48.0, 3.0, 55.0)})
    Image.new("RGB", (1200, 900), "#1f6f4a").save(path, format="JPEG", exif=exif)
    return str(path)


def test_facilitator_downloads_the_report_and_adds_a_photo(browser, server, page_errors,
                                                            screenshot, tmp_path):
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    page = page_errors.watch(context.new_page())
    login(page, server.url)
    page.goto(f"{server.url}/admin/events/{server.event_id}")
    documentation = page.locator("h2", has_text="Dokumentation").locator("..")
    documentation.scroll_into_view_if_needed()
    screenshot(page, "facilitator-documentation")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (DOCX)").click()
    assert download.value.suggested_filename.startswith("workshop-Sozialraumdialog-Musterstadt")
    assert download.value.suggested_filename.endswith("-dokumentation.docx")
    document = docx.Document(download.value.path())
    assert "Insel 1: Ankommen im Viertel" in [p.text for p in document.paragraphs]

    page.get_by_role("link", name="Fotos", exact=True).click()
    page.wait_for_url("**/photos")
    page.locator("input[type=file]").first.set_input_files(_photo(tmp_path / "tafel.jpg"))
    page.get_by_role("button", name="Hochladen").first.click()
    page.wait_for_selector("text=Foto gespeichert.")
    image = page.locator("ul.photos img").first
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") == 1200
    screenshot(page, "facilitator-photos")
    [(stored,)] = server.query("SELECT jpeg FROM photos")
    assert not Image.open(io.BytesIO(stored)).getexif()

    # Deleting asks in the page (no browser dialog), then the photo is gone.
    page.on("dialog", lambda d: (d.dismiss(), pytest.fail(f"browser dialog: {d.message}")))
    page.locator("ul.photos").get_by_role("button", name="Löschen").click()
    page.get_by_role("group", name="Dieses Foto löschen?").get_by_role(
        "button", name="Löschen").click()
    page.wait_for_load_state()
    server.expect_rows("SELECT count(*) FROM photos", [(0,)])
    assert page_errors.messages == []
    context.close()


def test_island_host_adds_a_photo_from_the_phone(browser, server, page_errors, screenshot,
                                                 tmp_path):
    [(token, name)] = server.query("SELECT host_token, name FROM islands ORDER BY id LIMIT 1")
    page = page_errors.watch(browser.new_context(viewport=PHONE).new_page())
    page.goto(f"{server.url}/h/{token}/photos")
    assert page.locator("h2").all_inner_texts() == [name]
    page.locator("input[type=file]").set_input_files(_photo(tmp_path / "pinnwand.jpg"))
    page.get_by_role("button", name="Hochladen").click()
    page.wait_for_selector("ul.photos img")
    screenshot(page, "host-photos-phone", full_page=True)
    assert page_errors.messages == []


def test_documentation_screens_pass_axe(browser, server, tmp_path):
    """The event page with the downloads and both photo pages, with a photo (WCAG 2.1 AA)."""
    [(token,)] = server.query("SELECT host_token FROM islands ORDER BY id LIMIT 1")
    with screen(browser, PHONE, is_mobile=True, has_touch=True) as page:
        page.goto(f"{server.url}/h/{token}/photos")
        page.locator("input[type=file]").set_input_files(_photo(tmp_path / "tafel.jpg"))
        page.get_by_role("button", name="Hochladen").click()
        page.wait_for_selector("ul.photos img")
        check(page, "host's photos page on a phone")
    with screen(browser, LAPTOP) as page:
        login(page, server.url)
        page.goto(f"{server.url}/admin/events/{server.event_id}")
        check(page, "event page with the Dokumentation")
        page.goto(f"{server.url}/admin/events/{server.event_id}/photos")
        check(page, "photos page")
