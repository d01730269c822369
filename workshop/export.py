"""Pure export functions: plain rows in, file content out.

CSV is made for Excel: UTF-8 with a BOM, `;` and German dates by default (German Excel), or
`,` and ISO dates for other spreadsheets. Every cell is guarded against formula injection.
Times are stored in UTC; the CSV files show local time (Europe/Berlin) and say so in the
header, the JSON keeps UTC (ISO 8601 with Z) and adds the local time beside it.
"""

import base64
import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TIME_ZONE = "Europe/Berlin"
KIND_LABELS = {"resource": "Ressource", "barrier": "Barriere"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dialect:
    """How a spreadsheet of one locale reads a CSV file."""

    delimiter: str
    date_format: str
    time_format: str


GERMAN = Dialect(";", "%d.%m.%Y", "%d.%m.%Y %H:%M")
INTERNATIONAL = Dialect(",", "%Y-%m-%d", "%Y-%m-%d %H:%M")


@cache
def local_zone() -> tuple[tzinfo, str]:
    """The event's time zone and how headers name it (UTC where the system has no tz data)."""
    try:
        return ZoneInfo(TIME_ZONE), "Ortszeit Berlin"
    except ZoneInfoNotFoundError:
        return UTC, "UTC"


def local_time(iso_utc: str) -> datetime:
    """A stored UTC timestamp ("2025-03-14T09:30:00Z") in the event's local time."""
    moment = datetime.fromisoformat(iso_utc.removesuffix("Z")).replace(tzinfo=UTC)
    return moment.astimezone(local_zone()[0])


def time_header(label: str) -> str:
    """A time column's header that names the time zone, e.g. "Zeitpunkt (Ortszeit Berlin)"."""
    return f"{label} ({local_zone()[1]})"


def safe_cell(value) -> str:
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(headers: list[str], rows: Iterable[list], delimiter: str = ";") -> str:
    """CSV with a BOM so German Excel reads UTF-8; every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def _yes_no(flag: bool) -> str:
    return "ja" if flag else "nein"


def _date(iso: str, dialect: Dialect) -> str:
    return date.fromisoformat(iso).strftime(dialect.date_format) if iso else ""


def _time(iso_utc: str, dialect: Dialect) -> str:
    return local_time(iso_utc).strftime(dialect.time_format)


def count_dots_once(rows: list[dict]) -> list[dict]:
    """Export rows whose dots add up once: a dot given to a group belongs to the group.

    The database keeps a group's dots on its member cards (the first visible one takes new
    dots); `export_rows` gives each card its own dots and every member the group's total.
    Here a grouped card's `votes` become None and the group's total stays on one row only,
    its lead (the first visible member, else the first): the sum of `votes` and
    `group_votes` over any set of rows counts every dot once.
    """
    leads: dict[int, dict] = {}
    for row in rows:
        group = row["group_id"]
        if group is None:
            continue
        lead = leads.get(group)
        if lead is None or (visible(row) and not visible(lead)):
            leads[group] = row
    return [{**row,
             "votes": row["votes"] if row["group_id"] is None else None,
             "group_votes": row["group_votes"] if leads.get(row["group_id"]) is row else None}
            for row in rows]


def visible(row: dict) -> bool:
    """Whether a card (or offer) is in the report: approved and not hidden."""
    return row["approved"] and not row["hidden"]


def cards_csv(rows: list[dict], dialect: Dialect = GERMAN) -> str:
    """Every card (hidden and not yet approved ones marked) for the documentation."""
    headers = ["Veranstaltung", "Datum", "Ort", "Arbeitsinsel", "Fallbeispiel", "Art",
               "Kategorie", "Text", "Details", "Gruppe", "Punkte der Karte",
               "Punkte der Gruppe", "Handlungsfeld (Autor*in)", "Freigegeben", "Ausgeblendet",
               time_header("Zeitpunkt"), "Karten-Nr."]
    return to_csv(headers, ([
        row["event"], _date(row["event_date"], dialect), row["place"], row["island"],
        row["case"], KIND_LABELS[row["kind"]], row["category"], row["text"], row["detail"],
        row["group"], row["votes"], row["group_votes"], row["field_of_work"],
        _yes_no(row["approved"]), _yes_no(row["hidden"]), _time(row["created_at"], dialect),
        row["card_id"]] for row in rows), dialect.delimiter)


def _card_reference(card: dict) -> str:
    return f"{KIND_LABELS[card['kind']]} Nr. {card['id']}: {card['text']}"


def agreements_csv(rows: list[dict], dialect: Dialect = GERMAN) -> str:
    """The next steps: what, who, by when, on which island, for which cards and groups."""
    headers = ["Arbeitsinsel", "Was", "Wer", "Bis wann", "Bezogene Karten", "Karten-Nr.",
               "Bezogene Gruppen", time_header("Festgehalten"), "Vereinbarungs-Nr."]
    return to_csv(headers, ([
        row["island"], row["what"], row["who"], row["due"],
        " | ".join(_card_reference(card) for card in row["cards"]),
        ", ".join(str(card["id"]) for card in row["cards"]),
        " | ".join(group["label"] for group in row["groups"]),
        _time(row["created_at"], dialect), row["id"]] for row in rows), dialect.delimiter)


def profiles_csv(rows: list[dict], dialect: Dialect = GERMAN) -> str:
    """Wer bietet was? Everyone who filled in a profile, as a networking list.

    Marked like cards: an offer hidden by the facilitators or not yet approved is in the file
    (it is documentation), so filter on the two columns before passing the list on.
    """
    headers = ["Handlungsfeld", "Organisation", "Was ich anbieten kann", "Name", "Arbeitsinsel",
               "Freigegeben", "Ausgeblendet"]
    return to_csv(headers, ([
        row["field_of_work"], row["organisation"], row["offer"], row["display_name"],
        row["island"], _yes_no(row["approved"]), _yes_no(row["hidden"])] for row in rows),
        dialect.delimiter)


def _sort_key(text: str) -> str:
    """Alphabetical as in a German index (DIN 5007-1: ä as a, ß as ss)."""
    folded = text.casefold()
    for umlaut, plain in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss")):
        folded = folded.replace(umlaut, plain)
    return folded


def resource_directory(rows: list[dict], categories: list[str]) -> list[dict]:
    """Every visible resource of the event by category (in the event's order), A to Z.

    `rows` are export rows; hidden, not yet approved and barrier cards stay out. Each
    category of `categories` gets a section, empty ones too (a gap is worth seeing);
    resources whose category was removed come last under "".
    """
    sections = {label: [] for label in categories}
    for row in rows:
        if row["kind"] == "resource" and visible(row):
            sections.setdefault(row["category"], []).append(
                {key: row[key] for key in ("card_id", "text", "detail", "island_id", "island",
                                           "case", "votes", "group", "group_id",
                                           "group_votes", "field_of_work")})
    if "" in sections:
        sections[""] = sections.pop("")
    return [{"category": label,
             "cards": sorted(cards, key=lambda c: (_sort_key(c["text"]), c["card_id"]))}
            for label, cards in sections.items()]


def directory_csv(sections: list[dict], dialect: Dialect = GERMAN) -> str:
    """The resource directory across islands as a table, one resource a row."""
    headers = ["Kategorie", "Ressource", "Details", "Arbeitsinsel", "Fallbeispiel",
               "Punkte der Karte", "Gruppe", "Punkte der Gruppe", "Handlungsfeld (Autor*in)",
               "Karten-Nr."]
    return to_csv(headers, ([
        section["category"], card["text"], card["detail"], card["island"], card["case"],
        card["votes"], card["group"], card["group_votes"], card["field_of_work"],
        card["card_id"]] for section in sections for card in section["cards"]),
        dialect.delimiter)


def _with_local_time(item: dict) -> dict:
    return {**item, "created_at_local": local_time(item["created_at"]).isoformat()}


JSON_FORMAT = "workshop-export/1"


def _photo(photo: dict) -> dict:
    return {**{k: v for k, v in photo.items() if k != "jpeg"}, "content_type": "image/jpeg",
            "data": base64.b64encode(photo["jpeg"]).decode("ascii")}


def to_json(event: dict, rows: list[dict], agreements: list[dict] | None = None,
            profiles: list[dict] | None = None, directory: list[dict] | None = None,
            settings: dict | None = None, photos: list[dict] | None = None) -> str:
    """The whole documentation as JSON: structure, settings, cards, agreements, profiles,
    directory, photos (JPEG in base64); also the backup that `import-event` reads back.

    `created_at` is UTC (ISO 8601, Z); `created_at_local` the same moment in Europe/Berlin.
    """
    return json.dumps({
        "format": JSON_FORMAT,
        "times": {"created_at": "UTC", "created_at_local": str(local_zone()[0])},
        "event": event,
        "settings": settings or {},
        "cards": [_with_local_time(row) for row in rows],
        "agreements": [_with_local_time(a) for a in agreements or []],
        "profiles": profiles or [],
        "resource_directory": directory or [],
        "photos": [_photo(p) for p in photos or []],
    }, ensure_ascii=False, indent=2)
