"""Accessibility: axe-core checks every screen against WCAG 2.1 A and AA, with real content.

Public bodies in Germany must meet WCAG 2.1 AA (BITV 2.0). One server serves all screens:
phones and a facilitator without a UI (tests/browser/actors.py) first write cards, a group,
profiles with offers, hide a card and an offer, start the timer and switch on pre-moderation;
then each screen is opened in Chromium, axe-core (from npm: node_modules/axe-core) is injected
and run with the WCAG 2.1 A/AA rules. No violation of impact "serious" or "critical" may
remain; a failure lists every violation axe found on that screen.

Nothing is excluded. axe's "needs review" results (not failures) were checked by hand:
the phone's case text is "overlapped" by the sticky header after scrolling (dark text on white),
the projector's group symbol ▣ is decorative (aria-hidden) and dark on white.
"""

from contextlib import contextmanager

import pytest

from .actors import Facilitator, Phone, Web
from .conftest import PHONE, PROJECTOR, ROOT, demo_server, go_offline, login

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One server for all screens: cards, a group, hidden and unapproved cards, offers, a timer."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make setup` installs it (npm ci)")
    with demo_server(tmp_path_factory.mktemp("accessibility")) as server:
        server.islands = [row[0] for row in
                          server.query("SELECT id FROM islands ORDER BY position, id")]
        url, event_id = server.url, server.event_id
        first, second = phones = [Phone(url, server.join_code, island)
                                  for island in server.islands[:2]]
        boss = Facilitator(server)
        try:
            first.profile("Kita / Kindertagespflege", "Kita Sonnenblume",
                          "Sprechstunde für Eltern, Mi 8–10 Uhr", "Petra")
            second.profile("Schule / Schulsozialarbeit", "Grundschule Nord",
                           "Räume am Nachmittag")
            cafe = first.card("Familienzentrum mit offenem Café", detail="Marktplatz 3, Mo–Fr")
            mothers = first.card("Stadtteilmütter begleiten zu Ämtern")
            first.card("Kein Kita-Platz in Wohnortnähe", kind="barrier")
            bus = first.card("Busverbindung abends schlecht", kind="barrier")
            rude = first.card("Die vom Amt sind doch alle gleich", kind="barrier")
            club = second.card("Basketballverein TSV", detail="Training Di 17 Uhr")
            second.card("Schulsozialarbeit nur zwei Tage die Woche", kind="barrier")
            boss.group([cafe["id"], mothers["id"]], "Anlaufstellen im Viertel")
            boss.call("moderate", {"action": "hide", "card_id": rude["id"]})
            offer = boss.call("room_stats", {})["room"]["offers"][-1]
            boss.call("moderate_profile", {"participant_id": offer["participant_id"],
                                           "action": "hide"})
            boss.timer("start", 15 * 60)
            # From now on new cards wait for approval ("Freigeben" on the board).
            fields = server.query("SELECT fields_of_work FROM events")[0][0]
            Web(url).post(f"/admin/events/{event_id}/settings", {
                "premoderation": "on", "dots_per_island": "3", "max_dots_per_card": "",
                "assignment": "choose", "projector_view": "auto", "fields_of_work": fields})
            second.card("Jugendmigrationsdienst berät montags im Rathaus")
            server.boss = boss
            server.votes = [(first, cafe["id"], 2), (first, bus["id"], 1), (second, club["id"], 1)]
            yield server
        finally:
            for client in [*phones, boss]:
                client.close()


@contextmanager
def screen(browser, viewport, **options):
    """A page in a fresh browser context.

    The app's Content-Security-Policy allows scripts from the server only, so Chromium refuses
    the script tag add_script_tag() writes; these test contexts (only these) bypass the CSP.
    """
    context = browser.new_context(viewport=viewport, bypass_csp=True, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def findings(page, name):
    """Run axe on the page as it is now; a report of all violations if one of them blocks."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async (tags) => (await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations""",
                               WCAG_21_AA)
    if not any(v["impact"] in BLOCKING for v in violations):
        return None
    lines = [f"axe on {name}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


def check(page, name):
    found = findings(page, name)
    assert found is None, found


def phone_screen(browser):
    return screen(browser, PHONE, is_mobile=True, has_touch=True)


def test_phone_at_island_writing_cards(browser, site):
    with phone_screen(browser) as phone:
        phone.goto(f"{site.url}/j/{site.join_code}/{site.islands[0]}")
        phone.wait_for_selector(".status-online")
        phone.wait_for_selector("#case-title:has-text('Familie A.')")
        phone.fill("#text", "Nachbarschaftshilfe im Haus")
        phone.click("#card-form button[type=submit]")
        phone.locator(".card-resource .status-review").wait_for()  # own card, not yet approved
        phone.wait_for_selector("#timer:not([hidden])")
        phone.fill("#text", "Spielplatz")
        check(phone, "phone at island")

        go_offline(phone)
        phone.fill("#text", "Hausaufgabenhilfe in der Bücherei")
        phone.click("#card-form button[type=submit]")
        phone.locator(".card-pending").wait_for()
        check(phone, "phone at island, offline with a waiting card")

        phone.context.set_offline(False)
        phone.locator(".card-pending").wait_for(state="detached")
        phone.get_by_role("button", name="Bearbeiten").first.click()
        phone.wait_for_selector(".edit-form")
        phone.click("#profile-toggle")
        phone.wait_for_selector("#profile:not([hidden])")
        check(phone, "phone at island, editing a card, profile open")


def test_phone_choosing_an_island(browser, site):
    with phone_screen(browser) as phone:
        phone.goto(f"{site.url}/j/{site.join_code}")
        phone.wait_for_selector(".status-online")
        phone.wait_for_selector(".island-button")
        check(phone, "phone choosing an island")


def test_landing_page_with_a_wrong_code(browser, site):
    with screen(browser, PHONE) as page:
        page.goto(f"{site.url}/join?code=FALSCH99")
        page.wait_for_selector(".error")
        check(page, "landing page")


PROJECTOR_VIEWS = {"wall": "#wall .card-text", "room": "#room .offer",
                   "overview": "#overview .ov-island", "directory": "#directory .card-text"}


@pytest.mark.parametrize("view", PROJECTOR_VIEWS)
def test_projector(browser, site, view):
    with screen(browser, PROJECTOR) as projector:
        projector.goto(f"{site.url}/p/{site.projector_token}?view={view}")
        projector.wait_for_selector(".status-online")
        projector.wait_for_selector(PROJECTOR_VIEWS[view])
        check(projector, f"projector ({view})")


def test_projector_on_an_island_link_with_a_new_card(browser, site):
    (token,) = site.query("SELECT projector_token FROM islands WHERE id = ?", site.islands[1])[0]
    with screen(browser, {"width": 1280, "height": 720}) as projector:
        projector.goto(f"{site.url}/p/{token}")
        projector.wait_for_selector(".status-online")
        projector.wait_for_selector("#wall .card-text")
        phone = Phone(site.url, site.join_code, site.islands[1])
        try:
            card = phone.card("Offene Turnhalle am Samstag")
        finally:
            phone.close()
        site.boss.call("moderate", {"action": "approve", "card_id": card["id"]})
        projector.wait_for_selector(".card-new")  # the highlight passes too
        check(projector, "projector on an island's link, a new card highlighted")


def test_facilitator_board(browser, site):
    with screen(browser, PROJECTOR) as board:
        login(board, site.url)
        board.goto(f"{site.url}/admin/events/{site.event_id}/live")
        board.wait_for_selector(".status-online")
        for shown in (".group .card", ".card-hidden .badge-hidden", ".card-unapproved",
                      ".offers .card-hidden", ".board-timer .timer:not(.timer-idle)"):
            board.locator(shown).first.wait_for()
        check(board, "facilitator board")
        board.select_option("#projector-view", "island")
        board.locator("#overview-panel summary").click()
        board.wait_for_selector("#board-overview .ov-island")
        check(board, "facilitator board, projector control and overview open")


def test_board_menus_and_inline_forms(browser, site):
    """The board's action menu, an inline confirmation, the group form and the checklist."""
    with screen(browser, {"width": 1366, "height": 768}) as board:
        login(board, site.url)
        board.goto(f"{site.url}/admin/events/{site.event_id}/live")
        board.wait_for_selector(".status-online")
        found = []
        first = board.locator(".board-island .card").first
        first.locator(".menu-toggle").click()
        found.append(findings(board, "board with a card's menu open"))
        first.get_by_role("button", name="Löschen").click()
        found.append(findings(board, "board asking to confirm a deletion"))
        board.keyboard.press("Escape")
        board.locator(".group-head .menu-toggle").first.click()
        board.get_by_role("button", name="Umbenennen").click()
        found.append(findings(board, "board renaming a group"))
        board.keyboard.press("Escape")
        board.locator(".agreements-box summary").first.click()
        found.append(findings(board, "board with the agreement checklist"))
        board.set_viewport_size({"width": 320, "height": 640})
        found.append(findings(board, "board at 320 px"))
    found = [report for report in found if report]
    assert not found, "\n".join(found)


def test_event_list_and_preparation(browser, site):
    with screen(browser, PROJECTOR) as page:
        login(page, site.url)
        check(page, "event list")
        page.goto(f"{site.url}/admin/events/{site.event_id}")
        check(page, "preparation page")


def test_login_page(browser, site):
    with screen(browser, PHONE) as page:
        page.goto(f"{site.url}/login")
        check(page, "login page")


# phase: (what the phone, the projector and the board show once they have followed it)
LATER_PHASES = {
    "organise": ("#board-list .board-group", "#wall .group-head", ".group"),
    "vote": (".my-dots", "#ranking .rank", ".votes"),
    "next_steps": ("#agreement-list .agreement", "#agreements .agreement",
                   "details[open] .agreement"),
    "closing": ("#thanks:not([hidden])", "#summary .rank",
                ".phase-button[data-phase=closing][aria-pressed=true]"),
}


def test_later_phases_on_phone_projector_and_board(browser, site):
    """Ordnen, Gewichten, Nächste Schritte, Abschluss: the three live screens in each phase."""
    boss, found = site.boss, []
    cafe, bus = site.votes[0][1], site.votes[1][1]
    with (phone_screen(browser) as phone, screen(browser, PROJECTOR) as projector,
          screen(browser, PROJECTOR) as board):
        login(board, site.url)
        phone.goto(f"{site.url}/j/{site.join_code}/{site.islands[0]}")
        projector.goto(f"{site.url}/p/{site.projector_token}")
        board.goto(f"{site.url}/admin/events/{site.event_id}/live")
        try:
            for phase, shown in LATER_PHASES.items():
                boss.phase(phase)
                if phase == "vote":
                    for participant, card_id, dots in site.votes:
                        participant.vote(card_id, dots)
                    phone.locator(".vote-add").first.click()
                if phase == "next_steps":
                    boss.agreement(site.islands[0], "Sprechstunde im Familienzentrum anbieten",
                                   "Kita Sonnenblume", "bis Juni", [cafe, bus])
                for page, selector, name in zip((phone, projector, board), shown,
                                                ("phone", "projector", "board"), strict=True):
                    page.locator(selector).first.wait_for()
                    found.append(findings(page, f"{name} in phase {phase}"))
        finally:
            boss.phase("collect")
    found = [report for report in found if report]
    assert not found, "\n".join(found)


def test_phone_telling_its_participant(browser, site):
    """The hidden-card note, an over-long text's error, the island switch with its cancel."""
    with phone_screen(browser) as phone:
        phone.goto(f"{site.url}/j/{site.join_code}/{site.islands[0]}")
        phone.wait_for_selector(".status-online")
        phone.fill("#text", "Elterncafé in der Grundschule")
        phone.click("#card-form button[type=submit]")
        phone.locator(".card-resource .status-review").wait_for()
        card_id = site.query("SELECT id FROM cards WHERE text = 'Elterncafé in der Grundschule'")
        site.boss.call("moderate", {"action": "hide", "card_id": card_id[0][0]})
        phone.locator("#my-notes .card-hidden").wait_for()
        phone.fill("#text", "Sehr lang " * 30)
        phone.click("#card-form button[type=submit]")
        phone.wait_for_selector("#text-error:not([hidden])")
        check(phone, "phone with a hidden card and a text that is too long")
        phone.locator("#my-notes .card-hidden").get_by_role("button", name="Löschen").click()
        phone.get_by_role("button", name="Ja, löschen").wait_for()
        check(phone, "phone asking before a card is deleted")
        phone.get_by_role("button", name="Abbrechen").first.click()

        phone.click("#change-island")
        phone.wait_for_selector("#choose-cancel:not([hidden])")
        check(phone, "phone switching islands")
