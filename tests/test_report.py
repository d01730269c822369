"""The Dokumentation: DOCX, PDF and XLSX opened with their own readers."""

import io
import zipfile
from datetime import datetime

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from workshop.extensions import db
from workshop.models import Event
from workshop.queries import export_agreements, export_profiles, export_rows, structure
from workshop.report import model

from .test_export import session  # noqa: F401  (the exported session, shared)

VISIBLE = ["Jugendzentrum", "Ärztehaus", "=HYPERLINK(\"http://evil\")",
           "Beratungsstelle <b>Süd</b>"]
LEFT_OUT = ["Versteckte Ressource", "Wartet auf Freigabe", "Gelöschte Ressource"]
AGREEMENTS = ["=Runder Tisch", "Raumliste"]
OFFICE = "application/vnd.openxmlformats-officedocument."


def _get(client, event, fmt, query=""):
    response = client.get(f"/admin/events/{event.id}/report.{fmt}{query}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="workshop-Sozialraumdialog-Test-2025-03-14-dokumentation.{fmt}"')
    return response


@pytest.fixture
def dated(event):
    """The test event on a date, so the file names carry it."""
    db.session.get(Event, event.id).event_date = datetime(2025, 3, 14).date()
    db.session.commit()
    return event


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_report_downloads_need_login(client, event, fmt):
    response = client.get(f"/admin/events/{event.id}/report.{fmt}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_event_page_links_the_report_in_the_pages_language(client, auth, event):
    auth.login()
    html = client.get(f"/admin/events/{event.id}?lang=en").get_data(as_text=True)
    for fmt in ("docx", "pdf", "xlsx"):
        assert f'href="/admin/events/{event.id}/report.{fmt}?lang=en"' in html
    assert "Report with charts" in html


# --- the model ---------------------------------------------------------------------------

def test_model_counts_a_group_once_and_leaves_hidden_cards_out(app, event, session):  # noqa: F811
    report = model.build(structure(db.session.get(Event, event.id)), export_rows(event.id),
                         export_agreements(event.id), export_profiles(event.id))
    first, second = report["islands"]
    resources = [i for s in first["sections"]["resource"] for i in s["items"]]
    assert [(i["text"], i["points"], i["cards"]) for i in resources] == [
        ("=Treffpunkte", 2, ["Jugendzentrum", "Ärztehaus"])]
    assert report["totals"]["dots"] == 3
    assert [(i["text"], i["points"]) for i in first["ranking"]] == [
        ("=Treffpunkte", 2), ("=HYPERLINK(\"http://evil\")", 1)]
    texts = [r["text"] for r in report["cards"]]
    assert not set(LEFT_OUT) & set(texts)
    assert [i["text"] for s in second["sections"]["resource"] for i in s["items"]] == [
        "Beratungsstelle <b>Süd</b>"]
    # the agreement names the group, not its cards one by one
    assert [i["text"] for i in first["agreements"][0]["addressed"]] == [
        "=Treffpunkte", "=HYPERLINK(\"http://evil\")"]
    assert report["gaps"] == []   # the one barrier is answered together with a resource
    assert [p["offer"] for p in report["offers"]] == ["Räume am Abend"]
    assert report["fields"] == [("Sonstiges", 1), ("@Schule", 1)] or report["fields"] == [
        ("@Schule", 1), ("Sonstiges", 1)]


# --- DOCX --------------------------------------------------------------------------------

def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows
              for cell in row.cells]
    return "\n".join(parts)


def test_docx_has_every_visible_card_headings_and_tables(client, auth, dated, session):  # noqa: F811
    auth.login()
    response = _get(client, dated, "docx")
    assert response.mimetype == OFFICE + "wordprocessingml.document"
    document = docx.Document(io.BytesIO(response.data))
    text = _docx_text(document)
    for expected in [*VISIBLE, *AGREEMENTS, "Insel A", "Insel B", "Fall A", "Räume am Abend",
                     "14. März 2025", "Rathaus"]:
        assert expected in text, expected
    for absent in LEFT_OUT:
        assert absent not in text
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Sozialraumdialog Test") in headings
    assert ("Heading 1", "Insel A") in headings and ("Heading 1", "Wer bietet was?") in headings
    assert ("Heading 2", "Fallbeispiel: Fall A") in headings
    xml = document.element.xml
    assert 'TOC \\o "1-3"' in xml
    for table in document.tables:
        assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert document.core_properties.language == "de"
    pictures = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert len(pictures) == 4   # the room, the top points, one per island


def test_docx_counts_group_dots_once(client, auth, dated, session):  # noqa: F811
    auth.login()
    document = docx.Document(io.BytesIO(_get(client, dated, "docx").data))
    appendix = document.tables[-1]
    headers = [c.text for c in appendix.rows[0].cells]
    card, group = headers.index("Punkte der Karte"), headers.index("Punkte der Gruppe")
    values = [[row.cells[card].text, row.cells[group].text] for row in appendix.rows[1:]]
    assert sum(int(v or 0) for pair in values for v in pair) == 3
    assert len(appendix.rows) == 1 + 4   # the visible cards only


def test_docx_in_english(client, auth, dated, session):  # noqa: F811
    auth.login()
    document = docx.Document(io.BytesIO(_get(client, dated, "docx", "?lang=en").data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Who was there?" in headings and "Who offers what?" in headings
    assert "Jugendzentrum" in _docx_text(document)
    assert document.core_properties.language == "en"


# --- PDF ---------------------------------------------------------------------------------

def _outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles += _outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def test_pdf_has_selectable_text_and_bookmarks(client, auth, dated, session):  # noqa: F811
    auth.login()
    response = _get(client, dated, "pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in [*VISIBLE, *AGREEMENTS, "Insel A", "Insel B", "Räume am Abend",
                     "Wille der Familie: Ziel"]:
        assert expected in text, expected
    for absent in LEFT_OUT:
        assert absent not in text
    # the group's two dots and the barrier's one: three, not five
    assert ("Arbeitsinseln: 2 · Ressourcen: 3 · Barrieren: 1 · Punkte: 3"
            in reader.pages[0].extract_text())
    titles = _outline_titles(reader.outline)
    assert titles[:3] == ["Die Methode", "Wer war da?", "Die wichtigsten Punkte"]
    assert {"Insel A", "Insel B", "Fallbeispiel: Fall A", "Ressourcenverzeichnis",
            "Wer bietet was?", "Anhang: alle Karten"} <= set(titles)
    assert reader.metadata.title == "Sozialraumdialog Test"


def test_pdf_keeps_letters_beyond_german(client, auth, dated):
    from workshop.services import cards, participants

    from .conftest import category_id
    p = participants.join(dated.join_code)
    participants.choose_island(p.id, dated.islands[0].id)
    cards.submit_card(p.id, "client-0001", dated.islands[0].cases[0].id, "resource",
                      category_id(dated, "resource"), "Łódź, Şahin und Олена helfen", "")
    auth.login()
    reader = PdfReader(io.BytesIO(_get(client, dated, "pdf").data))
    assert "Łódź, Şahin und Олена helfen" in "".join(p.extract_text() for p in reader.pages)


# --- XLSX --------------------------------------------------------------------------------

def _sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_xlsx_sheets_tables_and_text_as_text(client, auth, dated, session):  # noqa: F811
    auth.login()
    response = _get(client, dated, "xlsx")
    assert response.mimetype == OFFICE + "spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Überblick", "Insel A", "Insel B", "Alle Karten",
                               "Vereinbarungen", "Ressourcenverzeichnis", "Wer bietet was"]
    cards_sheet = book["Alle Karten"]
    assert cards_sheet.freeze_panes == "A2"
    assert list(cards_sheet.tables) == ["Karten"]
    assert cards_sheet.tables["Karten"].ref == "A1:N7"   # six cards, the hidden one marked
    rows = {row["Karten-Nr."]: row for row in _sheet_rows(cards_sheet)}
    barrier = session["barrier"].id
    assert rows[barrier]["Text"] == "=HYPERLINK(\"http://evil\")"
    text_cell = next(c for c in cards_sheet["E"] if c.value == "=HYPERLINK(\"http://evil\")")
    assert text_cell.data_type == "s"   # text, not a formula
    assert rows[session["hidden"].id]["Ausgeblendet"] == "ja"
    assert rows[session["pending"].id]["Freigegeben"] == "nein"
    assert rows[session["youth"].id]["Zeitpunkt (Ortszeit Berlin)"] == datetime(
        2025, 3, 14, 10, 30)
    assert rows[session["counselling"].id]["Zeitpunkt (Ortszeit Berlin)"] == datetime(
        2025, 7, 1, 10, 5)
    dots = sum((r["Punkte der Karte"] or 0) + (r["Punkte der Gruppe"] or 0)
               for r in rows.values())
    assert dots == 3
    assert rows[session["youth"].id]["Handlungsfeld (Autor*in)"] == "@Schule"
    steps = _sheet_rows(book["Vereinbarungen"])
    assert [s["Was"] for s in steps] == AGREEMENTS and steps[0]["Bis wann"] == "@März"
    offers = _sheet_rows(book["Wer bietet was"])
    assert offers[0]["Organisation"] == "=Jugendamt" and offers[0]["Ausgeblendet"] == "ja"
    island = [row for row in book["Insel A"].iter_rows(values_only=True)]
    assert ("Ressource", "Persönliche Stärken", "=Treffpunkte", None,
            "Jugendzentrum · Ärztehaus", 2) in island
    assert not any("Versteckte Ressource" in str(v) for row in island for v in row)


def test_xlsx_has_native_charts_with_numbers(client, auth, dated, session):  # noqa: F811
    auth.login()
    archive = zipfile.ZipFile(io.BytesIO(_get(client, dated, "xlsx").data))
    charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 4   # the room, the top points, one per island
    for name in charts:
        xml = archive.read(name).decode()
        assert "<c:barChart>" in xml and '<c:showVal val="1"/>' in xml


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_report_of_an_empty_event(client, auth, dated, fmt):
    auth.login()
    assert _get(client, dated, fmt).data


def test_report_benchmark_runs():
    """`make bench-report` keeps working (its numbers live in docs/performance.md)."""
    import subprocess
    import sys
    from pathlib import Path
    result = subprocess.run([sys.executable, "benchmarks/report.py", "--islands", "2",
                             "--cards", "6"], cwd=Path(__file__).resolve().parents[1],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    for fmt in ("DOCX", "PDF", "XLSX"):
        assert f"2 islands × 6 cards  {fmt}" in result.stdout
    assert "all three:" in result.stdout


def test_pdf_contents_name_every_chapter_with_its_page(client, auth, dated, session):  # noqa: F811
    auth.login()
    reader = PdfReader(io.BytesIO(_get(client, dated, "pdf").data))
    first = reader.pages[0].extract_text()
    chapters = [entry for entry in reader.outline if not isinstance(entry, list)]
    assert "Inhalt" in first
    for entry in chapters:
        page = reader.get_destination_page_number(entry) + 1
        assert f"{entry.title} {page}" in first or f"{entry.title}\n{page}" in first, entry.title


def test_pdf_contents_of_a_big_event_run_over_pages(app):
    """Contents longer than the title page get the pages they need (fpdf2 keeps them free)."""
    from workshop.report import pdf
    islands = [{"id": n, "name": f"Insel {n}", "capacity": None, "cases": []}
               for n in range(1, 91)]
    event = {"title": "Groß", "date": None, "place": "", "islands": islands,
             "categories": []}
    with app.test_request_context():
        reader = PdfReader(io.BytesIO(pdf.render(model.build(event, [], [], []))))
    contents = "".join(reader.pages[n].extract_text() for n in range(3))
    assert "Insel 1 " in contents and "Insel 90 " in contents
    assert "Die Methode" in reader.pages[3].extract_text()


def test_pdf_cells_wrap_words_and_cut_what_is_longer_than_the_column():
    from workshop.report.pdf import FONT, TABLE_SIZE, _Report, _Wrapper
    document = _Report("x")
    document.set_font(FONT, "", TABLE_SIZE)
    wrapper = _Wrapper(document)
    word = "Kinder-und-Jugendhilfeausschussvorsitzendenstellvertretung"
    text = f"Beim {word} nachfragen: https://example.org/ein/sehr/langer/pfad?mit=parametern"
    lines = wrapper.lines("", text, 30)
    assert all(document.get_string_width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert lines[0] == "Beim" and len(lines) > 4
    assert wrapper.lines("", "", 30) == [""]
    for font in document.fonts.values():
        font.close()   # output() would; this document is only measured


def test_control_characters_pasted_from_word_do_not_break_the_files(client, auth, dated):
    from workshop.services import cards, events, participants

    from .conftest import category_id
    events.update_case(dated.islands[0].cases[0].id, "Fall\x0bA", "Erste Zeile\x0bzweite",
                       "Ziel\x0c")
    p = participants.join(dated.join_code)
    participants.choose_island(p.id, dated.islands[0].id)
    cards.submit_card(p.id, "client-0001", dated.islands[0].cases[0].id, "resource",
                      category_id(dated, "resource"), "Spielplatz\x0bam Bach", "\x1f")
    auth.login()
    document = docx.Document(io.BytesIO(_get(client, dated, "docx").data))
    assert "Erste Zeile zweite" in _docx_text(document)
    assert "Spielplatz am Bach" in _docx_text(document)
    assert PdfReader(io.BytesIO(_get(client, dated, "pdf").data)).pages
    book = openpyxl.load_workbook(io.BytesIO(_get(client, dated, "xlsx").data))
    assert book["Alle Karten"]["E2"].value == "Spielplatz am Bach"
