"""Exports: pure functions and the download views."""

import csv
import io
import json

from workshop import export
from workshop.services import cards, participants

from .conftest import category_id


def test_formula_injection_is_neutralised():
    for dangerous in ["=1+1", "+49 89 123", "-2", "@SUM(A1)", "\tx"]:
        assert export.safe_cell(dangerous).startswith("'")
    assert export.safe_cell("Familienzentrum") == "Familienzentrum"


def test_csv_has_bom_semicolons_and_umlauts():
    row = dict.fromkeys(export.COLUMNS, "Ärztehaus; Süd")
    body = export.to_csv(list(export.COLUMNS), [row])
    assert body.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert parsed[1][0] == "Ärztehaus; Süd"


def _card(event, text="=HYPERLINK(\"http://evil\")", detail="Tel. 089"):
    p = participants.join(event.join_code)
    participants.choose_island(p.id, event.islands[0].id)
    cards.submit_card(p.id, "client-0001", event.islands[0].cases[0].id, "barrier",
                      category_id(event, "barrier"), text, detail)


def test_csv_download_needs_login(client, event):
    assert client.get(f"/admin/events/{event.id}/export.csv").status_code == 302


def test_csv_download(client, auth, event):
    _card(event)
    auth.login()
    response = client.get(f"/admin/events/{event.id}/export.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:5] == ["Veranstaltung", "Datum", "Ort", "Arbeitsinsel", "Fallbeispiel"]
    data = dict(zip(rows[0], rows[1], strict=True))
    assert data["Arbeitsinsel"] == "Insel A" and data["Fallbeispiel"] == "Fall A"
    assert data["Art"] == "Barriere" and data["Kategorie"] == "Zugang und Erreichbarkeit"
    assert data["Text"] == "'=HYPERLINK(\"http://evil\")"
    assert data["Details"] == "Tel. 089" and data["Zeitpunkt (UTC)"].endswith("Z")
    comma = client.get(f"/admin/events/{event.id}/export.csv?sep=comma").data.decode()
    assert comma.splitlines()[0].count(",") == 13


def test_json_download_has_structure_and_cards(client, auth, event):
    _card(event, text="Nachbarschaftshilfe")
    auth.login()
    data = json.loads(client.get(f"/admin/events/{event.id}/export.json").data)
    assert data["event"]["islands"][0]["cases"][0]["title"] == "Fall A"
    assert data["cards"][0]["text"] == "Nachbarschaftshilfe"
    assert data["cards"][0]["kind"] == "barrier"
