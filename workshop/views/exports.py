"""Downloads of the documentation at any time: CSV files, JSON, the printable directory."""

from datetime import UTC, datetime

from flask import Blueprint, Response, render_template, request
from flask_babel import format_date, format_time, get_locale
from flask_login import login_required

from .. import export
from ..auth import check_event_in_address, event_or_404
from ..models import Event
from ..photo_queries import export_photos
from ..queries import export_agreements, export_profiles, export_rows, structure
from ..report import model
from ..services import event_import

bp = Blueprint("exports", __name__, url_prefix="/admin/events/<int:event_id>")


@bp.before_request
@login_required
def _require_login():
    """Exports are for signed-in facilitators."""


bp.before_request(check_event_in_address)


def _event(event_id: int) -> Event:
    return event_or_404(event_id)


# German letters spelled out in file names (Content-Disposition stays plain ASCII).
_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                          "ß": "ss"})


def _filename(event: Event, name: str, ext: str) -> str:
    """The full title (umlauts spelled out) and the date, e.g. workshop-Dialog-Sued-2025-03-14."""
    title = event.title.translate(_SPELLED)
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in title)
    safe = "-".join(part for part in safe.split("-") if part) or str(event.id)
    day = f"-{event.event_date.isoformat()}" if event.event_date else ""
    return f"workshop-{safe}{day}{name}.{ext}"


def _download(event: Event, body: str, name: str, ext: str, mimetype: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{_filename(event, name, ext)}"'})


def _csv(event: Event, body: str, name: str = "") -> Response:
    return _download(event, body, name, "csv", "text/csv; charset=utf-8")


def _dialect() -> export.Dialect:
    """German Excel by default (`;`, 14.03.2025); ?sep=comma for others (`,`, 2025-03-14)."""
    return export.INTERNATIONAL if request.args.get("sep") == "comma" else export.GERMAN


def _rows(event_id: int) -> list[dict]:
    """The event's cards as every download shows them: each dot counted once."""
    return export.count_dots_once(export_rows(event_id))


def _directory(event: Event, rows: list[dict]) -> list[dict]:
    labels = [c.label for c in event.categories if c.kind == "resource"]
    return export.resource_directory(rows, labels)


@bp.get("/export.csv")
def csv(event_id: int):
    """Every card as CSV, hidden and not yet approved ones marked."""
    event = _event(event_id)
    return _csv(event, export.cards_csv(_rows(event_id), _dialect()))


@bp.get("/export-agreements.csv")
def agreements_csv(event_id: int):
    """The agreements (next steps) of every island as CSV."""
    event = _event(event_id)
    return _csv(event, export.agreements_csv(export_agreements(event_id), _dialect()),
                "-vereinbarungen")


@bp.get("/export-profiles.csv")
def profiles_csv(event_id: int):
    """Wer bietet was? The filled-in profiles as a networking list."""
    event = _event(event_id)
    return _csv(event, export.profiles_csv(export_profiles(event_id), _dialect()),
                "-wer-bietet-was")


@bp.get("/export-directory.csv")
def directory_csv(event_id: int):
    """The resource directory across islands as CSV."""
    event = _event(event_id)
    sections = _directory(event, _rows(event_id))
    return _csv(event, export.directory_csv(sections, _dialect()), "-ressourcen")


@bp.get("/directory")
def directory(event_id: int):
    """The resource directory across islands as a page to print or save as PDF."""
    event = _event(event_id)
    sections = _directory(event, _rows(event_id))
    now = datetime.now(UTC).astimezone(export.local_zone()[0])
    return render_template(
        "admin/resource_directory.html", event=event, sections=sections,
        total=sum(len(s["cards"]) for s in sections),
        islands=len({c["island_id"] for s in sections for c in s["cards"]}),
        event_date=format_date(event.event_date, "long") if event.event_date else "",
        printed_at=f"{format_date(now, 'medium', rebase=False)}, "
                   f"{format_time(now, 'short', rebase=False)}")


@bp.get("/export.json")
def json(event_id: int):
    """The whole documentation as JSON: structure, cards, agreements, profiles, directory."""
    event = _event(event_id)
    rows = _rows(event_id)
    body = export.to_json(structure(event), rows, agreements=export_agreements(event_id),
                          profiles=export_profiles(event_id),
                          directory=_directory(event, rows),
                          settings=event_import.event_settings(event),
                          photos=export_photos(event_id))
    return _download(event, body, "", "json", "application/json")


def _report(event: Event, rows: list[dict]) -> dict:
    return model.build(structure(event), rows, export_agreements(event.id),
                       export_profiles(event.id), export_photos(event.id))


_OFFICE = "application/vnd.openxmlformats-officedocument."


@bp.get("/report.docx")
def report_docx(event_id: int):
    """The Dokumentation as an editable Word document, in the page's language."""
    from ..report import docx  # python-docx and lxml: loaded on the first download only
    event = _event(event_id)
    body = docx.render(_report(event, _rows(event_id)), str(get_locale()))
    return _download(event, body, "-dokumentation", "docx",
                     _OFFICE + "wordprocessingml.document")


@bp.get("/report.pdf")
def report_pdf(event_id: int):
    """The Dokumentation as PDF, to mail and print."""
    from ..report import pdf  # fpdf2 (and numpy, when there): on the first download only
    event = _event(event_id)
    body = pdf.render(_report(event, _rows(event_id)), str(get_locale()))
    return _download(event, body, "-dokumentation", "pdf", "application/pdf")


@bp.get("/report.xlsx")
def report_xlsx(event_id: int):
    """The Dokumentation as an Excel workbook: overview, islands, the full tables."""
    from ..report import xlsx
    event = _event(event_id)
    rows = _rows(event_id)
    agreements, profiles = export_agreements(event_id), export_profiles(event_id)
    report = model.build(structure(event), rows, agreements, profiles)
    body = xlsx.render(report, rows, agreements, profiles)
    return _download(event, body, "-dokumentation", "xlsx", _OFFICE + "spreadsheetml.sheet")
