"""The projector through every phase: room, wall, ranking, agreements, summary and the timer.

Phones and the facilitator are Socket.IO clients without a UI (tests/browser/actors.py); the
projector is a real Chromium page at 1920x1080.
"""


import pytest
from playwright.sync_api import expect

from .actors import Facilitator, Phone, Web
from .conftest import PROJECTOR, facilitator_page, go_offline, open_projector


@pytest.fixture
def room(server):
    """Open phones and a facilitator on demand; everything is closed after the test."""
    clients = []

    class Room:
        islands = [row[0] for row in server.query("SELECT id FROM islands ORDER BY position, id")]

        def phone(self, island_position=1):
            client = Phone(server.url, server.join_code, self.islands[island_position - 1])
            clients.append(client)
            return client

        def facilitator(self):
            client = Facilitator(server)
            clients.append(client)
            return client

        def write_example_cards(self):
            """One phone per island writes that island's example cards; {text: card}."""
            cards = {}
            for position, texts in enumerate((ISLAND_1, ISLAND_2, ISLAND_3), start=1):
                phone = self.phone(position)
                for text, kind in texts:
                    cards[text] = phone.card(text, kind)
            return cards

    yield Room()
    for client in clients:
        client.close()


def assert_fits(page):
    """Nothing runs off the 1920x1080 screen, and no island box hides its overflow unseen."""
    overflow = page.evaluate("""() => {
        const page = document.documentElement;
        const boxes = [...document.querySelectorAll('[data-fit]')]
            .filter((b) => b.scrollHeight > b.clientHeight + 2).length;
        return {scroll: page.scrollHeight > innerHeight || page.scrollWidth > innerWidth, boxes};
    }""")
    assert overflow == {"scroll": False, "boxes": 0}


def test_room_view_shows_fields_of_work_and_offers_live(browser, server, room, page_errors,
                                                        screenshot):
    boss = room.facilitator()
    boss.phase("arrival")
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector("#room")
    assert projector.text_content("#view-title") == "Wer ist da?"
    assert projector.text_content("#phase") == "Ankommen"

    phones = [room.phone(position) for position in (1, 1, 2, 2, 3, 3, 3)]
    people = [("Schule / Schulsozialarbeit", "Grundschule Nord", "Räume am Nachmittag", ""),
              ("Offene Kinder- und Jugendarbeit", "Jugendtreff Bahnhof",
               "Offener Treff Di–Fr 15–20 Uhr, auch für Eltern", "Sami"),
              ("Schule / Schulsozialarbeit", "", "", ""),
              ("Kreisjugendamt / ASD", "Kreisjugendamt", "Kurzer Draht bei Kinderschutzfragen",
               ""),
              ("Verein / Ehrenamt / Kirche", "TSV Musterstadt", "Schnuppertraining Basketball",
               "Petra"),
              ("Kita / Kindertagespflege", "Kita Sonnenblume", "", "")]
    for phone, (field, organisation, offer, name) in zip(phones, people, strict=False):
        phone.profile(field, organisation, offer, name)
    school = projector.locator(".bar[data-field='Schule / Schulsozialarbeit'] .bar-count")
    school.filter(has_text="2").wait_for()
    projector.locator("#room-total", has_text="7").wait_for()
    projector.locator(".bar-other .bar-count", has_text="1").wait_for()  # no profile given
    assert projector.locator(".bar").first.get_attribute("data-field") == \
        "Schule / Schulsozialarbeit"
    offer = projector.locator(".offer", has_text="Schnuppertraining Basketball")
    offer.wait_for()
    assert "Petra, TSV Musterstadt" in offer.text_content()
    assert projector.locator(".offer").count() == 4
    assert_fits(projector)
    screenshot(projector, "projector-room")

    # A join updates the head count within a second or so (joins are batched per second).
    room.phone(2)
    projector.locator("#room-total", has_text="8").wait_for(timeout=5000)
    projector.locator(".bar-other .bar-count", has_text="2").wait_for()

    # An offer that does not belong on the big screen: the facilitator hides it on the board.
    board = facilitator_page(browser, server, page_errors,
                             f"/admin/events/{server.event_id}/live")
    entry = board.locator("#offers .offer", has_text="Schnuppertraining Basketball")
    entry.get_by_role("button", name="Ausblenden").click()
    entry.locator(".badge-hidden").wait_for()
    screenshot(board, "board-offers")
    expect(offer).to_have_count(0)
    assert projector.locator(".offer").count() == 3
    board.locator("#log li", has_text="hat das Angebot „").filter(
        has_text="ausgeblendet").wait_for()
    entry.get_by_role("button", name="Einblenden").click()
    projector.locator(".offer", has_text="Schnuppertraining Basketball").wait_for()

    # The board's head counts follow arrivals in place (3 people at island 2, then 4).
    seated = board.locator(f".board-island[data-island-id='{room.islands[1]}'] .island-seated")
    expect(seated).to_have_text("3 Personen")
    room.phone(2)
    expect(seated).to_have_text("4 Personen", timeout=5000)
    expect(board.locator("#people")).to_have_text("9 Personen")
    assert page_errors.messages == []


def test_wall_shows_new_cards_live_and_groups_from_ordnen(browser, server, room, page_errors,
                                                          screenshot):
    boss = room.facilitator()
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector("#wall .wall-island[data-island-id]")
    assert projector.text_content("#phase") == "Sammeln"
    cards = room.write_example_cards()
    projector.locator(".card-barrier .card-text", has_text="Kein Kita-Platz").wait_for()
    projector.locator(".card-resource .card-text", has_text="Stadtteilmütter").wait_for()
    expect(projector.locator("#total-resource")).to_have_text(str(
        sum(kind == "resource" for _, kind in ISLAND_1 + ISLAND_2 + ISLAND_3)))
    assert projector.locator(".group-head").count() == 0

    boss.phase("organise")
    group = boss.group([cards["Familienzentrum am Markt"]["id"],
                        cards["Eltern-Kind-Café im Familienzentrum"]["id"]],
                       "Familienzentrum")
    head = projector.locator(f".group-head[data-group-id='{group['id']}']")
    head.locator(".group-label", has_text="Familienzentrum").wait_for()
    assert "2 Karten" in head.text_content()
    # The group's cards follow its head, marked as members.
    assert projector.locator(".card-in-group .card-text").all_text_contents() == [
        "Familienzentrum am Markt", "Eltern-Kind-Café im Familienzentrum"]
    projector.locator("#phase", has_text="Ordnen").wait_for()
    assert_fits(projector)
    screenshot(projector, "projector-wall")

    island = room.islands[1]
    (token,) = server.query("SELECT projector_token FROM islands WHERE id = ?", island)[0]
    single = open_projector(browser, server, page_errors, token=token)
    single.wait_for_selector(".wall-island")
    assert single.locator(".wall-island").count() == 1
    assert single.get_attribute(".wall-island", "data-island-id") == str(island)
    assert single.locator(".card-text", has_text="Basketballverein TSV").count() == 1
    assert single.locator(".card-text", has_text="Stadtteilmütter").count() == 0
    assert_fits(single)
    screenshot(single, "projector-island")
    assert page_errors.messages == []


def test_a_crowded_island_is_paged_never_cut(browser, server, room, page_errors):
    phones = [room.phone(1) for _ in range(3)]  # 20 each: a phone may write 40 in 10 s
    for n in range(1, 61):
        phones[n % 3].card(f"Karte Nummer {n} mit etwas mehr Text, damit sie zwei Zeilen braucht")
    projector = open_projector(browser, server, page_errors, "?page_seconds=1")
    projector.wait_for_selector("body[data-pages]")
    pages = int(projector.get_attribute("body", "data-pages"))
    assert pages > 1 and projector.is_visible("#page")
    seen = set()
    for _ in range(pages * 8):
        seen |= {text.split(" mit ")[0] for text in
                 projector.locator(".wall-island .card-text").all_text_contents()}
        assert_fits(projector)
        if len(seen) == 60:
            break
        projector.wait_for_timeout(250)
    assert seen == {f"Karte Nummer {n}" for n in range(1, 61)}
    assert projector.locator(".more").count() == 0
    assert page_errors.messages == []


def test_ranking_orders_groups_and_cards_by_votes_live(browser, server, room, page_errors,
                                                       screenshot):
    boss = room.facilitator()
    cards = room.write_example_cards()
    boss.phase("organise")
    group = boss.group([cards["Familienzentrum am Markt"]["id"],
                        cards["Eltern-Kind-Café im Familienzentrum"]["id"]], "Familienzentrum")
    boss.phase("vote")
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector("#ranking")
    assert projector.text_content("#view-title") == "Rangfolge nach Punkten"

    voters = [room.phone(1) for _ in range(3)]
    voters[0].vote(cards["Kein Kita-Platz in Wohnortnähe"]["id"], 2)
    first = projector.locator(".ranking-island").first
    first.locator(".rank").first.filter(has_text="Kein Kita-Platz").wait_for()
    # Dots on two different cards of the group add up.
    voters[1].vote(cards["Familienzentrum am Markt"]["id"], 2)
    voters[2].vote(cards["Eltern-Kind-Café im Familienzentrum"]["id"], 1)
    leader = first.locator(".rank").first
    leader.filter(has_text="Familienzentrum").wait_for()
    assert leader.get_attribute("data-group-id") == str(group["id"])
    expect(leader.locator(".rank-count")).to_have_text("3")
    expect(leader.locator(".dot")).to_have_count(3)
    assert "Gruppe · 2 Karten" in leader.text_content()
    second = first.locator(".rank").nth(1)
    assert second.locator(".rank-count").text_content() == "2"
    assert "Barriere" in second.text_content()
    voters[2].vote(cards["Kein Kita-Platz in Wohnortnähe"]["id"], 2)
    first.locator(".rank").first.filter(has_text="Kein Kita-Platz").wait_for()
    assert first.locator(".rank").first.locator(".rank-count").text_content() == "4"

    other = [room.phone(2), room.phone(2)]
    other[0].vote(cards["Basketballverein TSV"]["id"], 3)
    other[1].vote(cards["Schulsozialarbeiterin kennt Jonas"]["id"], 2)
    island_2 = projector.locator(f".ranking-island[data-island-id='{room.islands[1]}']")
    island_2.locator(".rank").nth(1).filter(has_text="Schulsozialarbeiterin").wait_for()
    assert_fits(projector)
    screenshot(projector, "projector-ranking")
    assert page_errors.messages == []


def test_agreements_and_closing_summary(browser, server, room, page_errors, screenshot):
    boss = room.facilitator()
    cards = room.write_example_cards()
    boss.phase("vote")
    room.phone(1).vote(cards["Kein Kita-Platz in Wohnortnähe"]["id"], 3)
    boss.phase("next_steps")
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector("#agreements")
    assert projector.locator(".p-empty", has_text="Noch keine Vereinbarungen.").count() == 3

    boss.agreement(room.islands[0], "Kita-Sprechstunde im Familienzentrum anbieten",
                   "Kita Sonnenblume und Familienzentrum", "Ende März",
                   [cards["Kein Kita-Platz in Wohnortnähe"]["id"],
                    cards["Familienzentrum am Markt"]["id"]])
    boss.agreement(room.islands[1], "Jonas zum Schnuppertraining mitnehmen",
                   "Schulsozialarbeit", "nächste Woche",
                   [cards["Basketballverein TSV"]["id"]])
    boss.agreement(room.islands[2], "Briefe-Sprechstunde mit Übersetzung",
                   "Stadtteilmütter, Gemeinde", "ab Mai",
                   [cards["Briefe vom Amt sind schwer verständlich"]["id"],
                    cards["Stadtteilmütter übersetzen"]["id"]])
    item = projector.locator(".agreement", has_text="Kita-Sprechstunde")
    item.wait_for()
    assert "Wer: Kita Sonnenblume und Familienzentrum" in item.text_content()
    assert "Bis: Ende März" in item.text_content()
    assert item.locator(".chip-barrier", has_text="Kein Kita-Platz").count() == 1
    assert item.locator(".chip-resource", has_text="Familienzentrum am Markt").count() == 1
    projector.locator(".agreement", has_text="Briefe-Sprechstunde").wait_for()
    assert_fits(projector)
    screenshot(projector, "projector-agreements")

    boss.phase("closing")
    projector.wait_for_selector("#summary")
    summary = projector.locator(f".summary-island[data-island-id='{room.islands[0]}']")
    assert summary.locator(".rank").first.locator(".rank-text").text_content() == \
        "Kein Kita-Platz in Wohnortnähe"
    assert summary.locator(".agreement", has_text="Kita-Sprechstunde").count() == 1
    assert_fits(projector)
    screenshot(projector, "projector-summary")

    forced = open_projector(browser, server, page_errors, "?view=agreements")
    forced.wait_for_selector("#agreements .agreement")
    assert page_errors.messages == []


def test_timer_counts_down_pauses_and_follows_the_chosen_view(browser, server, room,
                                                              page_errors, screenshot):
    boss = room.facilitator()
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector("#wall")
    assert projector.is_hidden("#timer")

    boss.timer("start", 90)
    projector.wait_for_selector("#timer[data-state=running]")
    start = seconds(projector.text_content("#timer-digits"))
    assert 85 <= start <= 90
    projector.wait_for_timeout(2200)
    later = seconds(projector.text_content("#timer-digits"))
    assert start - 3 <= later <= start - 1
    assert projector.text_content("#timer-note") == "Restzeit"

    boss.timer("pause")
    projector.locator("#timer-note", has_text="pausiert").wait_for()
    paused = projector.text_content("#timer-digits")
    projector.wait_for_timeout(1200)
    assert projector.text_content("#timer-digits") == paused
    screenshot(projector, "projector-timer")

    boss.timer("add_minute")
    projector.locator("#timer-digits", has_text=f"{seconds(paused) // 60 + 1:02d}:").wait_for()
    boss.timer("start")
    projector.wait_for_selector("#timer[data-state=running]")
    boss.timer("stop")
    projector.wait_for_selector("#timer", state="hidden")

    # A reload in the middle of a countdown comes back to the same time.
    boss.timer("start", 300)
    projector.reload()
    projector.wait_for_selector("#timer[data-state=running]")
    assert 295 <= seconds(projector.text_content("#timer-digits")) <= 300
    assert page_errors.messages == []


def test_six_islands_with_ten_cards_each_fit_the_screen(browser, server, room, page_errors,
                                                       screenshot):
    web = Web(server.url)
    for n in (4, 5, 6):
        web.post(f"/admin/events/{server.event_id}/islands", {"name": f"Insel {n}: Wohnen"})
        island = server.query("SELECT id FROM islands ORDER BY id DESC")[0][0]
        web.post(f"/admin/islands/{island}/cases",
                 {"title": f"Fall {n}: Familie im Notquartier", "situation": "…", "goal": "…"})
    room.islands = [row[0] for row in
                    server.query("SELECT id FROM islands ORDER BY position, id")]
    assert len(room.islands) == 6
    texts = [text for text, _ in ISLAND_1 + ISLAND_2 + ISLAND_3]
    for position in range(1, 7):
        phone = room.phone(position)
        for n in range(10):
            phone.card(texts[(position * 3 + n) % len(texts)], "barrier" if n % 3 else "resource")
    projector = open_projector(browser, server, page_errors, "?page_seconds=1")
    projector.wait_for_selector(".wall-island[data-island-id]")
    assert projector.text_content("#total-resource") == "24"
    assert projector.text_content("#total-barrier") == "36"
    # At 22 px the 60 cards take two pages; several islands share each, none is left out.
    screenshot(projector, "projector-wall-six")
    assert projector.locator(".wall-island").count() >= 4
    islands, cards = set(), set()
    for _ in range(40):
        assert_fits(projector)
        islands |= {box.get_attribute("data-island-id")
                    for box in projector.locator(".wall-island").all()}
        cards |= {card.get_attribute("data-card-id")
                  for card in projector.locator(".wall-island .card").all()}
        if len(cards) == 60:
            break
        projector.wait_for_timeout(200)
    assert islands == {str(island) for island in room.islands} and len(cards) == 60

    ranking = open_projector(browser, server, page_errors, "?view=ranking")
    ranking.wait_for_selector("#ranking .rank")
    assert_fits(ranking)
    screenshot(ranking, "projector-ranking-six")
    assert page_errors.messages == []


def test_projector_catches_up_after_a_lost_connection(browser, server, room, page_errors):
    boss = room.facilitator()
    context = browser.new_context(viewport=PROJECTOR)
    projector = page_errors.watch(context.new_page())
    projector.goto(f"{server.url}/p/{server.projector_token}")
    projector.wait_for_selector("#wall")
    projector.wait_for_selector(".status-online")

    go_offline(projector)
    phone = room.phone(1)
    card = phone.card("Nachbarin hilft beim Abholen")
    boss.phase("vote")
    phone.vote(card["id"], 2)
    context.set_offline(False)
    projector.wait_for_selector(".status-online")
    leader = projector.locator("#ranking .rank").first
    leader.filter(has_text="Nachbarin hilft").wait_for()
    assert leader.locator(".rank-count").text_content() == "2"
    # Errors of the lost connection itself are expected here; the page must still work.


def seconds(digits):
    minutes, secs = digits.split(":")
    return int(minutes) * 60 + int(secs)


ISLAND_1 = [("Familienzentrum am Markt", "resource"),
            ("Kein Kita-Platz in Wohnortnähe", "barrier"),
            ("Nachbarschaftshilfe begleitet zum Amt", "resource"),
            ("Eltern-Kind-Café im Familienzentrum", "resource"),
            ("Bus fährt abends nur stündlich", "barrier"),
            ("Tagesmutter im Haus nebenan", "resource"),
            ("Hortplätze erst ab Herbst", "barrier")]
ISLAND_2 = [("Basketballverein TSV", "resource"),
            ("Eltern im Schichtdienst schwer erreichbar", "barrier"),
            ("Schulsozialarbeiterin kennt Jonas", "resource"),
            ("Jugendtreff am Bahnhof, offen bis 20 Uhr", "resource"),
            ("Angst vor Kontrolle durch das Jugendamt", "barrier"),
            ("Nachhilfe durch Studierende", "resource")]
ISLAND_3 = [("Stadtteilmütter übersetzen", "resource"),
            ("Briefe vom Amt sind schwer verständlich", "barrier"),
            ("Deutschkurs mit Kinderbetreuung", "resource"),
            ("Tochter muss für die Eltern dolmetschen", "barrier"),
            ("Moschee-Gemeinde als Brücke", "resource"),
            ("Wartezeit für Sprachkurse: 6 Monate", "barrier")]


def qr_share(page):
    """The QR code's height as a share of the screen's, and the join code's type size."""
    return page.evaluate("""() => ({
        qr: document.querySelector('.qr-big').getBoundingClientRect().height / innerHeight,
        code: parseFloat(getComputedStyle(document.querySelector('.join-code')).fontSize),
        address: parseFloat(getComputedStyle(document.querySelector('.join-address')).fontSize),
    })""")


def test_qr_code_is_large_while_people_arrive_and_on_an_idle_wall(browser, server, room,
                                                                  page_errors, screenshot):
    boss = room.facilitator()
    projector = open_projector(browser, server, page_errors)
    projector.wait_for_selector("#wall .p-slot")
    idle = qr_share(projector)
    # Nothing on the wall yet: the code is the point, readable from the back of the hall.
    assert idle["qr"] >= 0.4 and idle["code"] >= 60 and idle["address"] >= 44
    room.phone(1).card("Familienzentrum am Markt")
    projector.wait_for_selector("#projector[data-qr='small']")
    later = qr_share(projector)
    assert 0.2 <= later["qr"] < 0.3 and later["code"] >= 36 and later["address"] >= 26
    assert_fits(projector)

    boss.phase("arrival")
    projector.wait_for_selector("#projector[data-qr='large'] #room")
    assert qr_share(projector)["qr"] >= 0.4
    assert_fits(projector)
    screenshot(projector, "projector-arrival")
    small = open_projector(browser, server, page_errors)
    small.set_viewport_size({"width": 1280, "height": 720})
    small.wait_for_selector("#room")
    assert qr_share(small)["qr"] >= 0.4
    assert page_errors.messages == []
