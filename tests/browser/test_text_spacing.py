"""Text spacing (WCAG 1.4.12): with a reader's own spacing nothing is cut off.

The override the criterion names (line height 1.5, paragraph spacing 2em, letter spacing
0.12em, word spacing 0.16em) is added as a user stylesheet after the page has drawn, as a
bookmarklet or browser extension does. The projector fits its views to the screen, so its fit
must run again; the join box with the countdown must keep every line inside. The phone must
still not scroll sideways.
"""


from .actors import Facilitator, Phone
from .conftest import PHONE, open_projector

SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
               word-spacing: 0.16em !important; }
             p { margin-bottom: 2em !important; }"""

# Elements whose content is cut off: wider or taller than their box while it hides overflow,
# or reaching out of a box that hides overflow.
CLIPPED = """(selector) => {
  const found = [];
  for (const box of document.querySelectorAll(selector)) {
    const frame = box.getBoundingClientRect();
    for (const node of [box, ...box.querySelectorAll('*')]) {
      if (node.closest('[hidden], .visually-hidden') || !node.getClientRects().length) continue;
      const r = node.getBoundingClientRect();
      const name = `${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}.${node.className}`;
      const style = getComputedStyle(node);
      if (style.overflow !== 'visible' && (node.scrollWidth > node.clientWidth + 1
          || node.scrollHeight > node.clientHeight + 2)) {
        found.push(`${name} hides ${node.scrollWidth}x${node.scrollHeight}`
                   + ` in ${node.clientWidth}x${node.clientHeight}`);
      } else if (node.clientWidth && node.scrollWidth > node.clientWidth + 1) {
        found.push(`${name} is wider than its box (${node.scrollWidth} in ${node.clientWidth})`);
      } else if (r.right > frame.right + 1 || r.bottom > frame.bottom + 1) {
        found.push(`${name} reaches out of its box`);
      }
    }
  }
  return found;
}"""


def space_out(page):
    """Add the override as a constructed stylesheet (the pages' CSP refuses inline styles)."""
    page.evaluate("""(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""", SPACING)
    page.wait_for_timeout(500)  # a few frames for the fit to follow


def test_the_projector_keeps_the_join_box_and_the_wall_whole(browser, server, page_errors,
                                                             screenshot):
    islands = [row[0] for row in server.query("SELECT id FROM islands ORDER BY position, id")]
    phone, boss = Phone(server.url, server.join_code, islands[0]), Facilitator(server)
    try:
        for text in ("Familienzentrum mit offenem Café", "Stadtteilmütter begleiten zu Ämtern",
                     "Jugendmigrationsdienst berät montags im Rathaus"):
            phone.card(text)
        phone.card("Busverbindung abends schlecht", kind="barrier")
        boss.timer("start", 15 * 60)
        projector = open_projector(browser, server, page_errors, "?page_seconds=1")
        projector.wait_for_selector("#timer:not([hidden])")
        projector.locator(".card-text", has_text="Busverbindung").wait_for()
        assert projector.evaluate(CLIPPED, ".join-box, [data-fit]") == []
        space_out(projector)
        screenshot(projector, "projector-text-spacing")
        assert projector.evaluate(CLIPPED, ".join-box, [data-fit]") == []
        # Each card is on screen whole on one of the wall's pages (it pages, it never cuts).
        seen: set[str] = set()
        for _ in range(60):
            seen |= {text.strip() for text in
                     projector.locator(".card-text:visible").all_inner_texts()}
            assert projector.evaluate(CLIPPED, ".card-text") == []
            if len(seen) == 4:
                break
            projector.wait_for_timeout(250)
        assert len(seen) == 4, seen
        assert projector.evaluate(
            "document.documentElement.scrollHeight <= innerHeight"
            " && document.documentElement.scrollWidth <= innerWidth")
    finally:
        phone.close()
        boss.close()
    assert page_errors.messages == []


def test_the_phone_does_not_scroll_sideways(browser, server, page_errors):
    island = server.query("SELECT id FROM islands ORDER BY position, id")[0][0]
    phone = page_errors.watch(browser.new_context(viewport=PHONE).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}/{island}")
    phone.wait_for_selector(".status-online")
    phone.wait_for_selector("#card-form:visible")
    phone.fill("#text", "Stadtteilmütter")
    phone.click("#card-form button[type=submit]")
    phone.locator(".card .status-saved").wait_for()
    space_out(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    kind = phone.locator(".kind-barrier").bounding_box()
    assert kind["x"] + kind["width"] <= PHONE["width"]
    assert phone.evaluate(CLIPPED, "#card-form, .phone-header, .cards") == []
    assert page_errors.messages == []
