"""Exports: pure functions and the download views (cards, agreements, profiles, directory)."""

import csv
import io
import json
from datetime import datetime

import pytest

from workshop import export
from workshop.extensions import db
from workshop.models import Agreement, Card
from workshop.services import agreements, cards, groups, moderation, participants, running, votes
from workshop.services.moderation import Actor

from .conftest import category_id

FIELDS = "Kreisjugendamt / ASD\n@Schule\nSonstiges"
WINTER = datetime(2025, 3, 14, 9, 30)   # 10:30 in Berlin (CET)
SUMMER = datetime(2025, 7, 1, 8, 5)     # 10:05 in Berlin (CEST)
DOWNLOADS = ["export.csv", "export-agreements.csv", "export-profiles.csv",
             "export-directory.csv", "directory", "export.json"]


# --- pure functions ----------------------------------------------------------------------

def test_formula_injection_is_neutralised():
    for dangerous in ["=1+1", "+49 89 123", "-2", "@SUM(A1)", "\tx", "\rx"]:
        assert export.safe_cell(dangerous).startswith("'")
    assert export.safe_cell("Familienzentrum") == "Familienzentrum"
    assert export.safe_cell(None) == "" and export.safe_cell(3) == "3"


def test_csv_has_bom_semicolons_and_umlauts():
    body = export.to_csv(["Kopf", "=Kopf"], [["Ärztehaus; Süd", "=1+1"]])
    assert body.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert parsed == [["Kopf", "'=Kopf"], ["Ärztehaus; Süd", "'=1+1"]]


def test_local_time_is_berlin_in_winter_and_summer():
    assert export.local_time("2025-03-14T09:30:00Z").strftime("%H:%M %z") == "10:30 +0100"
    assert export.local_time("2025-07-01T08:05:00Z").strftime("%H:%M %z") == "10:05 +0200"
    assert export.time_header("Zeitpunkt") == "Zeitpunkt (Ortszeit Berlin)"


def _row(card_id, text, category, kind="resource", approved=True, hidden=False):
    return {"card_id": card_id, "text": text, "detail": "", "island_id": 1, "island": "Insel A",
            "case": "Fall A",
            "kind": kind, "category": category, "votes": 0, "group": "", "group_id": None,
            "group_votes": None, "field_of_work": "", "approved": approved, "hidden": hidden}


def test_resource_directory_by_category_a_to_z_visible_resources_only():
    rows = [_row(1, "Sportverein", "Vereine"), _row(2, "Ärztehaus", "Vereine"),
            _row(3, "beratung", "Vereine"), _row(4, "Bus fährt nicht", "Vereine", kind="barrier"),
            _row(5, "versteckt", "Vereine", hidden=True),
            _row(6, "wartet", "Vereine", approved=False), _row(7, "Oma", ""),
            _row(8, "Nachbarin", "Familie")]
    sections = export.resource_directory(rows, ["Familie", "Vereine", "Material"])
    assert [s["category"] for s in sections] == ["Familie", "Vereine", "Material", ""]
    assert [c["text"] for c in sections[1]["cards"]] == ["Ärztehaus", "beratung", "Sportverein"]
    assert sections[2]["cards"] == [] and sections[3]["cards"][0]["text"] == "Oma"


# --- a session to export -----------------------------------------------------------------

def _seated(event, island_index, profile=None):
    p = participants.join(event.join_code)
    participants.choose_island(p.id, event.islands[island_index].id)
    if profile:
        participants.set_profile(p.id, *profile)
    return p


def _write(event, p, n, text, kind="resource", detail="", island_index=0):
    card, _ = cards.submit_card(p.id, f"client-{n:04d}", event.islands[island_index].cases[0].id,
                                kind, category_id(event, kind), text, detail)
    return card


def _settings(event, premoderation):
    running.update_settings(event.id, premoderation=premoderation, dots_per_island=5,
                            max_dots_per_card=None, assignment="choose", fields_of_work=FIELDS,
                            projector_view="auto")


@pytest.fixture
def session(event):
    """Cards on both islands, profiles, a group with dots, hidden/pending/deleted cards, steps."""
    _settings(event, premoderation=False)
    staff = Actor(event.id, "Moderation: Test")
    anna = _seated(event, 0, ("@Schule", "=Jugendamt", "+49 89 Beratung", "-Anna"))
    quiet = _seated(event, 0)  # joined, no profile: not in the networking list
    ben = _seated(event, 1, ("", "", "Räume am Abend", ""))
    found = {
        "youth": _write(event, anna, 1, "Jugendzentrum", detail="-Tel. 089"),
        "doctor": _write(event, quiet, 2, "Ärztehaus"),
        "barrier": _write(event, anna, 3, "=HYPERLINK(\"http://evil\")", kind="barrier"),
        "hidden": _write(event, anna, 4, "Versteckte Ressource"),
        "deleted": _write(event, anna, 5, "Gelöschte Ressource"),
        "counselling": _write(event, ben, 6, "Beratungsstelle <b>Süd</b>", island_index=1),
    }
    _settings(event, premoderation=True)
    found["pending"] = _write(event, ben, 7, "Wartet auf Freigabe", island_index=1)
    _seated(event, 1, ("Sonstiges", "Sportverein", "Hallenzeiten", "Cara"))  # offer waits
    moderation.moderate_profile(staff, anna.id, "hide")
    moderation.set_hidden(staff, found["hidden"].id, True)
    group, _ = groups.create_group(staff, [found["youth"].id, found["doctor"].id], "=Treffpunkte")
    running.set_phase(event.id, "vote")
    votes.cast(anna.id, found["doctor"].id)   # a dot on the group sits on its first card
    votes.cast(quiet.id, found["youth"].id)
    votes.cast(anna.id, found["barrier"].id)
    running.set_phase(event.id, "next_steps")
    agreements.save(staff, event.islands[1].id, "Raumliste", "Ben", "")
    agreements.save(staff, event.islands[0].id, "=Runder Tisch", "-Jugendamt", "@März",
                    [found["barrier"].id, found["youth"].id, found["deleted"].id],
                    group_ids=[group.id])
    gone = agreements.save(staff, event.islands[0].id, "Verworfen")
    agreements.delete(staff, gone.id)
    moderation.delete(staff, found["deleted"].id)
    for card in db.session.scalars(db.select(Card)):
        card.created_at = WINTER
    db.session.get(Card, found["counselling"].id).created_at = SUMMER
    for agreement in db.session.scalars(db.select(Agreement)):
        agreement.created_at = WINTER
    db.session.commit()
    return {**found, "group": group}


def _download(client, event, name, delimiter=";", query=""):
    response = client.get(f"/admin/events/{event.id}/{name}{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="workshop-')
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], rows[0]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_need_login(client, event, name):
    response = client.get(f"/admin/events/{event.id}/{name}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_downloads_of_an_unknown_event(client, auth, name):
    auth.login()
    assert client.get(f"/admin/events/999/{name}").status_code == 404


def test_event_page_links_every_download(client, auth, event):
    auth.login()
    html = client.get(f"/admin/events/{event.id}").get_data(as_text=True)
    for name in DOWNLOADS:
        assert f'href="/admin/events/{event.id}/{name}"' in html


# --- cards -------------------------------------------------------------------------------

def test_cards_csv(client, auth, event, session):
    auth.login()
    rows, headers = _download(client, event, "export.csv")
    assert headers == [
        "Veranstaltung", "Datum", "Ort", "Arbeitsinsel", "Fallbeispiel", "Art", "Kategorie",
        "Text", "Details", "Gruppe", "Punkte der Karte", "Punkte der Gruppe",
        "Handlungsfeld (Autor*in)", "Freigegeben", "Ausgeblendet",
        "Zeitpunkt (Ortszeit Berlin)", "Karten-Nr."]
    by_id = {int(row["Karten-Nr."]): row for row in rows}
    assert session["deleted"].id not in by_id
    assert len(rows) == 6
    youth, doctor = by_id[session["youth"].id], by_id[session["doctor"].id]
    assert youth["Arbeitsinsel"] == "Insel A" and youth["Fallbeispiel"] == "Fall A"
    assert youth["Art"] == "Ressource" and youth["Details"] == "'-Tel. 089"
    assert youth["Handlungsfeld (Autor*in)"] == "'@Schule"
    assert doctor["Handlungsfeld (Autor*in)"] == ""
    # a dot given to the group belongs to the group: its total stands once, on its first
    # visible card, and its cards have no dots of their own, so no column sum counts twice
    assert (youth["Gruppe"], youth["Punkte der Karte"], youth["Punkte der Gruppe"]) == (
        "'=Treffpunkte", "", "2")
    assert (doctor["Gruppe"], doctor["Punkte der Karte"], doctor["Punkte der Gruppe"]) == (
        "'=Treffpunkte", "", "")
    dots = sum(int(row[column] or 0) for row in rows
               for column in ("Punkte der Karte", "Punkte der Gruppe"))
    assert dots == 3
    barrier = by_id[session["barrier"].id]
    assert barrier["Art"] == "Barriere" and barrier["Kategorie"] == "Zugang und Erreichbarkeit"
    assert barrier["Text"] == "'=HYPERLINK(\"http://evil\")"
    assert barrier["Gruppe"] == "" and barrier["Punkte der Gruppe"] == ""
    assert barrier["Punkte der Karte"] == "1"
    assert (youth["Freigegeben"], youth["Ausgeblendet"]) == ("ja", "nein")
    hidden, pending = by_id[session["hidden"].id], by_id[session["pending"].id]
    assert (hidden["Freigegeben"], hidden["Ausgeblendet"]) == ("ja", "ja")
    assert (pending["Freigegeben"], pending["Ausgeblendet"]) == ("nein", "nein")
    assert youth["Zeitpunkt (Ortszeit Berlin)"] == "14.03.2025 10:30"
    assert by_id[session["counselling"].id]["Zeitpunkt (Ortszeit Berlin)"] == "01.07.2025 10:05"


def test_cards_csv_with_comma_and_iso_dates(client, auth, event, session):
    db.session.get(type(event), event.id).event_date = WINTER.date()
    db.session.commit()
    auth.login()
    german, _ = _download(client, event, "export.csv")
    assert german[0]["Datum"] == "14.03.2025"
    rows, headers = _download(client, event, "export.csv", ",", "?sep=comma")
    assert len(headers) == 17
    assert rows[0]["Datum"] == "2025-03-14"
    assert rows[0]["Zeitpunkt (Ortszeit Berlin)"] == "2025-03-14 10:30"


def test_cards_csv_of_an_empty_event(client, auth, event):
    auth.login()
    rows, headers = _download(client, event, "export.csv")
    assert rows == [] and headers[0] == "Veranstaltung"


def test_filename_is_ascii(client, auth, event):
    event.title = "Dialog Łódź – Süd/Ost, Straße"
    db.session.commit()
    auth.login()
    disposition = client.get(f"/admin/events/{event.id}/export.csv").headers[
        "Content-Disposition"]
    assert disposition == 'attachment; filename="workshop-Dialog-d-Sued-Ost-Strasse.csv"'


def test_filename_has_the_full_title_and_the_date(client, auth, event):
    event.title = "Sozialraumdialog Ottobrunn: Ressourcen kennen, aktivieren, integrieren"
    event.event_date = WINTER.date()
    db.session.commit()
    auth.login()
    disposition = client.get(f"/admin/events/{event.id}/export-agreements.csv").headers[
        "Content-Disposition"]
    assert disposition == ('attachment; filename="workshop-Sozialraumdialog-Ottobrunn-Ressourcen-'
                           'kennen-aktivieren-integrieren-2025-03-14-vereinbarungen.csv"')


# --- agreements --------------------------------------------------------------------------

def test_agreements_csv(client, auth, event, session):
    auth.login()
    rows, headers = _download(client, event, "export-agreements.csv")
    assert headers == ["Arbeitsinsel", "Was", "Wer", "Bis wann", "Bezogene Karten",
                       "Karten-Nr.", "Bezogene Gruppen", "Festgehalten (Ortszeit Berlin)",
                       "Vereinbarungs-Nr."]
    # by island (in the event's order), the deleted agreement left out
    assert [(r["Arbeitsinsel"], r["Was"]) for r in rows] == [
        ("Insel A", "'=Runder Tisch"), ("Insel B", "Raumliste")]
    first = rows[0]
    assert (first["Wer"], first["Bis wann"]) == ("'-Jugendamt", "'@März")
    barrier, youth = session["barrier"].id, session["youth"].id
    assert first["Karten-Nr."] == f"{youth}, {barrier}"   # the deleted card left out
    assert first["Bezogene Karten"] == (
        f"Ressource Nr. {youth}: Jugendzentrum | Barriere Nr. {barrier}: "
        "=HYPERLINK(\"http://evil\")")
    assert first["Bezogene Gruppen"] == "'=Treffpunkte"
    assert first["Festgehalten (Ortszeit Berlin)"] == "14.03.2025 10:30"
    assert rows[1]["Bezogene Karten"] == "" and rows[1]["Bezogene Gruppen"] == ""
    assert rows[1]["Bis wann"] == ""


def test_linked_card_text_after_a_label_needs_no_guard(client, auth, event):
    staff = Actor(event.id, "Moderation: Test")
    p = _seated(event, 0)
    card = _write(event, p, 1, "=1+1")
    running.set_phase(event.id, "next_steps")
    agreements.save(staff, event.islands[0].id, "Termin", card_ids=[card.id])
    auth.login()
    rows, _ = _download(client, event, "export-agreements.csv")
    assert rows[0]["Bezogene Karten"] == f"Ressource Nr. {card.id}: =1+1"


# --- profiles ----------------------------------------------------------------------------

def test_profiles_csv_lists_only_filled_profiles(client, auth, event, session):
    auth.login()
    rows, headers = _download(client, event, "export-profiles.csv")
    assert headers == ["Handlungsfeld", "Organisation", "Was ich anbieten kann", "Name",
                       "Arbeitsinsel", "Freigegeben", "Ausgeblendet"]
    # by field of work, those without one last; moderation marked as on cards
    assert rows == [
        {"Handlungsfeld": "'@Schule", "Organisation": "'=Jugendamt",
         "Was ich anbieten kann": "'+49 89 Beratung", "Name": "'-Anna",
         "Arbeitsinsel": "Insel A", "Freigegeben": "ja", "Ausgeblendet": "ja"},
        {"Handlungsfeld": "Sonstiges", "Organisation": "Sportverein",
         "Was ich anbieten kann": "Hallenzeiten", "Name": "Cara", "Arbeitsinsel": "Insel B",
         "Freigegeben": "nein", "Ausgeblendet": "nein"},
        {"Handlungsfeld": "", "Organisation": "", "Was ich anbieten kann": "Räume am Abend",
         "Name": "", "Arbeitsinsel": "Insel B", "Freigegeben": "ja", "Ausgeblendet": "nein"}]


def test_profiles_csv_with_comma(client, auth, event, session):
    auth.login()
    rows, _ = _download(client, event, "export-profiles.csv", ",", "?sep=comma")
    assert rows[0]["Organisation"] == "'=Jugendamt"


# --- resource directory ------------------------------------------------------------------

def test_directory_csv_has_visible_resources_by_category(client, auth, event, session):
    auth.login()
    rows, headers = _download(client, event, "export-directory.csv")
    assert headers == ["Kategorie", "Ressource", "Details", "Arbeitsinsel", "Fallbeispiel",
                       "Punkte der Karte", "Gruppe", "Punkte der Gruppe",
                       "Handlungsfeld (Autor*in)", "Karten-Nr."]
    # no barrier, no hidden, no pending and no deleted card; A to Z within the category
    assert [r["Ressource"] for r in rows] == [
        "Ärztehaus", "Beratungsstelle <b>Süd</b>", "Jugendzentrum"]
    assert {r["Kategorie"] for r in rows} == {"Persönliche Stärken"}
    youth = rows[2]
    assert (youth["Details"], youth["Arbeitsinsel"], youth["Fallbeispiel"]) == (
        "'-Tel. 089", "Insel A", "Fall A")
    assert (youth["Punkte der Karte"], youth["Gruppe"], youth["Punkte der Gruppe"]) == (
        "", "'=Treffpunkte", "2")
    assert rows[0]["Punkte der Karte"] == rows[0]["Punkte der Gruppe"] == ""  # in the group
    assert youth["Handlungsfeld (Autor*in)"] == "'@Schule"
    assert rows[1]["Arbeitsinsel"] == "Insel B" and rows[1]["Punkte der Gruppe"] == ""


def test_directory_page_is_printable_and_escapes_text(client, auth, event, session):
    auth.login()
    response = client.get(f"/admin/events/{event.id}/directory")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    assert "<script" not in html and "style=" not in html and "<style" not in html
    assert "css/report.css" in html
    assert "Ressourcenverzeichnis" in html and "Sozialraumdialog Test" in html
    assert "Beratungsstelle &lt;b&gt;Süd&lt;/b&gt;" in html
    assert "Gruppe „=Treffpunkte“, Punkte der Gruppe: 2" in html
    assert "None" not in html
    assert "Ressourcen: 3 · Arbeitsinseln: 2" in html
    for absent in ("Versteckte Ressource", "Wartet auf Freigabe", "Gelöschte Ressource",
                   "HYPERLINK"):
        assert absent not in html
    # every resource category has its section, an empty one says so
    assert html.count("<h2>") == 6
    assert "Keine Ressource in dieser Kategorie genannt." in html


def test_directory_page_escapes_group_labels(client, auth, event):
    staff = Actor(event.id, "Moderation: Test")
    p = _seated(event, 0)
    one, two = _write(event, p, 1, "Eins"), _write(event, p, 2, "Zwei")
    groups.create_group(staff, [one.id, two.id], "<script>x</script>")
    auth.login()
    html = client.get(f"/admin/events/{event.id}/directory").get_data(as_text=True)
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_directory_page_in_english(client, auth, event):
    auth.login()
    html = client.get(f"/admin/events/{event.id}/directory?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Resource directory" in html


# --- JSON --------------------------------------------------------------------------------

def test_json_download_has_everything(client, auth, event, session):
    auth.login()
    response = client.get(f"/admin/events/{event.id}/export.json")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].endswith('.json"')
    data = json.loads(response.data)
    assert data["format"] == "workshop-export/1"
    assert data["times"] == {"created_at": "UTC", "created_at_local": "Europe/Berlin"}
    assert data["event"]["islands"][0]["cases"][0]["title"] == "Fall A"
    cards_by_id = {c["card_id"]: c for c in data["cards"]}
    assert session["deleted"].id not in cards_by_id
    youth = cards_by_id[session["youth"].id]
    assert youth["text"] == "Jugendzentrum" and youth["kind"] == "resource"
    assert youth["created_at"] == "2025-03-14T09:30:00Z"
    assert youth["created_at_local"] == "2025-03-14T10:30:00+01:00"
    assert youth["group_id"] == session["group"].id and youth["group_votes"] == 2
    assert youth["votes"] is None   # its dots belong to the group
    doctor = cards_by_id[session["doctor"].id]
    assert doctor["votes"] is None and doctor["group_votes"] is None
    assert sum((c["votes"] or 0) + (c["group_votes"] or 0) for c in data["cards"]) == 3
    assert youth["field_of_work"] == "@Schule"   # JSON keeps text as it is
    assert cards_by_id[session["pending"].id]["approved"] is False
    assert cards_by_id[session["hidden"].id]["hidden"] is True
    steps = data["agreements"]
    assert [a["what"] for a in steps] == ["=Runder Tisch", "Raumliste"]
    assert steps[0]["island"] == "Insel A" and steps[0]["due"] == "@März"
    assert steps[0]["card_ids"] == [session["youth"].id, session["barrier"].id]
    assert steps[0]["groups"] == [{"id": session["group"].id, "label": "=Treffpunkte"}]
    assert steps[0]["created_at_local"] == "2025-03-14T10:30:00+01:00"
    assert [p["offer"] for p in data["profiles"]] == [
        "+49 89 Beratung", "Hallenzeiten", "Räume am Abend"]
    assert data["profiles"][0]["hidden"] is True and data["profiles"][1]["approved"] is False
    directory = data["resource_directory"]
    assert directory[0]["category"] == "Persönliche Stärken"
    assert [c["text"] for c in directory[0]["cards"]] == [
        "Ärztehaus", "Beratungsstelle <b>Süd</b>", "Jugendzentrum"]


def test_count_dots_once_gives_a_group_total_to_its_first_visible_card():
    rows = [
        {**_row(1, "versteckt", "A", hidden=True), "group_id": 9, "votes": 1, "group_votes": 4},
        {**_row(2, "sichtbar", "A"), "group_id": 9, "votes": 3, "group_votes": 4},
        {**_row(3, "auch", "A"), "group_id": 9, "votes": 0, "group_votes": 4},
        {**_row(4, "allein", "A"), "votes": 2},
        {**_row(5, "nur versteckt", "A", hidden=True), "group_id": 7, "votes": 1,
         "group_votes": 1},
    ]
    counted = export.count_dots_once(rows)
    assert [(r["votes"], r["group_votes"]) for r in counted] == [
        (None, None), (None, 4), (None, None), (2, None), (None, 1)]
    assert rows[1]["votes"] == 3   # the rows given are left as they were
