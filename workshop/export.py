"""Pure export functions: (headers, rows) in, file content out."""

import csv
import io
import json

COLUMNS = ["event", "event_date", "place", "island", "case", "kind", "category", "text",
           "detail", "group", "votes", "hidden", "created_at", "card_id"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(headers: list[str], rows: list[dict], delimiter: str = ";") -> str:
    """CSV with a BOM so German Excel reads UTF-8; every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(row[column]) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def to_json(event: dict, rows: list[dict], agreements: list[dict] | None = None) -> str:
    """The whole documentation as JSON: the event structure, every card, the agreements."""
    return json.dumps({"format": "workshop-export/1", "event": event, "cards": rows,
                       "agreements": agreements or []}, ensure_ascii=False, indent=2)
