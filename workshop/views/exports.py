"""Downloads of the documentation: CSV and JSON, at any time."""

from flask import Blueprint, Response, abort, request
from flask_login import login_required

from .. import export
from ..extensions import db
from ..models import Event
from ..queries import export_rows, live_agreements, structure

bp = Blueprint("exports", __name__, url_prefix="/admin/events/<int:event_id>")

HEADERS = ["Veranstaltung", "Datum", "Ort", "Arbeitsinsel", "Fallbeispiel", "Art",
           "Kategorie", "Text", "Details", "Gruppe", "Punkte", "Ausgeblendet",
           "Zeitpunkt (UTC)", "Karten-Nr."]
KIND_LABELS = {"resource": "Ressource", "barrier": "Barriere"}


@bp.before_request
@login_required
def _require_login():
    """Exports are for signed-in facilitators."""


def _event(event_id: int) -> Event:
    return db.session.get(Event, event_id) or abort(404)


def _filename(event: Event, ext: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in event.title)[:40].strip("-")
    return f"workshop-{safe or event.id}.{ext}"


@bp.get("/export.csv")
def csv(event_id: int):
    """Every card as CSV (semicolon by default for German Excel; ?sep=comma for others)."""
    event = _event(event_id)
    rows = [{**row, "kind": KIND_LABELS[row["kind"]], "hidden": "ja" if row["hidden"] else ""}
            for row in export_rows(event_id)]
    delimiter = "," if request.args.get("sep") == "comma" else ";"
    body = export.to_csv(HEADERS, rows, delimiter=delimiter)
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{_filename(event, "csv")}"'})


@bp.get("/export.json")
def json(event_id: int):
    """The event structure and every card as JSON."""
    event = _event(event_id)
    body = export.to_json(structure(event), export_rows(event_id),
                          agreements=live_agreements(event_id))
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{_filename(event, "json")}"'})
