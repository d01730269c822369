"""The report as an Excel workbook (XlsxWriter): overview, one sheet per island, full tables.

Participants' text is written with write_string, never as a formula (and the workbook is
told not to turn strings into formulas, numbers or links anywhere). The full tables list
every card and offer, hidden and waiting ones marked, as Excel tables with filters and a
frozen header; times are real dates in Europe/Berlin time (Excel keeps no time zone).
"""

import io
import re

import xlsxwriter
from flask_babel import gettext as _

from ..export import local_time, local_zone
from .document import (
    ACCENT,
    BARRIER,
    RESOURCE,
    category_label,
    event_date,
    kind_label,
    plain,
)

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class _Book:
    """A workbook with the report's formats and unique sheet names."""

    def __init__(self, buffer: io.BytesIO):
        self.book = xlsxwriter.Workbook(buffer, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False})
        add = self.book.add_format
        self.title = add({"bold": True, "font_size": 16, "font_color": ACCENT})
        self.bold = add({"bold": True})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.top = add({"valign": "top"})
        self.when = add({"num_format": "dd.mm.yyyy hh:mm", "valign": "top"})
        self.names: set[str] = set()

    def sheet(self, name: str):
        """A sheet under a name Excel accepts: 31 characters, no []:*?/\\, unique."""
        base = _SHEET_FORBIDDEN.sub(" ", name).strip("' ")[:31] or "Insel"
        unique, n = base, 2
        while unique.casefold() in self.names:
            suffix = f" ({n})"
            unique, n = base[:31 - len(suffix)] + suffix, n + 1
        self.names.add(unique.casefold())
        return self.book.add_worksheet(plain(unique))

    def write(self, sheet, row: int, col: int, value) -> None:
        """Text as text, numbers as numbers, None as an empty cell."""
        if value is None or value == "":
            return
        if isinstance(value, bool):
            sheet.write_string(row, col, _("ja") if value else _("nein"), self.top)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, self.top)
        elif hasattr(value, "year"):
            sheet.write_datetime(row, col, value, self.when)
        else:
            text = plain(str(value))
            sheet.write_string(row, col, text, self.wrap if len(text) > 40 else self.top)

    def table(self, sheet, first_row: int, headers: list[str], rows: list[list],
              widths: list[float] | None, name: str) -> int:
        """An Excel table with filters; returns the row below it."""
        for col, width in enumerate(widths or []):
            sheet.set_column(col, col, width)
        for r, values in enumerate(rows, first_row + 1):
            for c, value in enumerate(values):
                self.write(sheet, r, c, value)
        last = first_row + max(len(rows), 1)
        sheet.add_table(first_row, 0, last, len(headers) - 1, {
            "name": name, "style": "Table Style Light 9",
            "columns": [{"header": header} for header in headers]})
        return last + 2

    def bar_chart(self, sheet, title: str, data_rows: tuple[int, int],
                  label_cols: tuple[int, int], colours: list[str], where: str,
                  width: int = 620) -> int:
        """A native bar chart over a table's label and value columns, numbers on the bars;
        returns how many rows (of 20 pixels) it covers."""
        first, last = data_rows
        if last < first:
            return 0
        height = 60 + 22 * (last - first + 1)
        chart = self.book.add_chart({"type": "bar"})
        name = sheet.get_name()
        chart.add_series({
            "name": title,
            "categories": [name, first, label_cols[0], last, label_cols[1]],
            "values": [name, first, label_cols[1] + 1, last, label_cols[1] + 1],
            "points": [{"fill": {"color": c}} for c in colours],
            "data_labels": {"value": True}, "gap": 60})
        chart.set_title({"name": title, "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis({"min": 0, "major_gridlines": {"visible": False}})
        chart.set_size({"width": width, "height": height})
        sheet.insert_chart(where, chart)
        return height // 20 + 1


def _time_header(label: str) -> str:
    """A time column's header naming the time zone, in the page's language."""
    zone = "UTC" if local_zone()[1] == "UTC" else _("Ortszeit Berlin")
    return f"{label} ({zone})"


def _overview(book: _Book, report: dict) -> None:
    sheet = book.sheet(_("Überblick"))
    sheet.write_string(0, 0, plain(report["title"]), book.title)
    when = " · ".join(p for p in (event_date(report["date"]), report["place"]) if p)
    book.write(sheet, 1, 0, when)
    totals = report["totals"]
    facts = [(_("Arbeitsinseln"), totals["islands"]), (_("Ressourcen"), totals["resource"]),
             (_("Barrieren"), totals["barrier"]), (_("Punkte"), totals["dots"]),
             (_("Vereinbarungen"), totals["agreements"]),
             (_("Ausgefüllte Profile"), totals["profiles"])]
    row = book.table(sheet, 3, [_("Kennzahl"), _("Anzahl")], [list(f) for f in facts],
                     [44, 12, 12, 12, 16], "Kennzahlen")
    islands = [[i["name"], sum(n for _c, n in i["counts"]["resource"]),
                sum(n for _c, n in i["counts"]["barrier"]),
                sum(item["points"] for item in i["ranking"]), len(i["agreements"])]
               for i in report["islands"]]
    start = row
    row = book.table(sheet, start, [_("Arbeitsinsel"), _("Ressourcen"), _("Barrieren"),
                                    _("Punkte"), _("Vereinbarungen")], islands,
                     None, "Inseln")
    start = row
    row = book.table(sheet, start, [_("Handlungsfeld"), _("Personen")],
                     [list(f) for f in report["fields"]], None, "Handlungsfelder")
    covered = book.bar_chart(sheet, _("Teilnehmende nach Handlungsfeld"),
                             (start + 1, start + len(report["fields"])), (0, 0),
                             [ACCENT] * len(report["fields"]), "G2")
    start = row
    top = [[i["text"], i["points"], kind_label(i["kind"]), i["island"]] for i in report["top"]]
    book.table(sheet, start, [_("Die wichtigsten Punkte"), _("Punkte"), _("Art"),
                              _("Arbeitsinsel")], top, None, "Rangfolge")
    book.bar_chart(sheet, _("Die meisten Punkte über alle Inseln"),
                   (start + 1, start + len(top)), (0, 0),
                   [RESOURCE if i["kind"] == "resource" else BARRIER for i in report["top"]],
                   f"G{covered + 4}")


def _case(book: _Book, sheet, row: int, label: str, text: str) -> None:
    """A label and a long text across the table's width, as high as the text needs."""
    sheet.write_string(row, 0, label, book.bold)
    if not text:
        return
    sheet.merge_range(row, 1, row, 5, "", book.wrap)
    sheet.write_string(row, 1, plain(text), book.wrap)
    lines = sum(len(part) // 120 + 1 for part in text.splitlines() or [""])
    sheet.set_row(row, 15 * lines)


def _island(book: _Book, island: dict, number: int) -> None:
    sheet = book.sheet(island["name"])
    sheet.write_string(0, 0, plain(island["name"]), book.title)
    row = 1
    for case in island["cases"]:
        for label, text in ((_("Fallbeispiel"), case["title"]), (_("Situation"),
                            case["situation"]), (_("Wille der Familie"), case["goal"])):
            _case(book, sheet, row, label, text)
            row += 1
    items = [[kind_label(i["kind"]), category_label(s["category"]), i["text"], i["detail"],
              " · ".join(i["cards"]), i["points"]]
             for kind in ("resource", "barrier") for s in island["sections"][kind]
             for i in s["items"]]
    row = book.table(sheet, row + 1, [_("Art"), _("Kategorie"), _("Punkt"), _("Details"),
                                      _("Karten der Gruppe"), _("Punkte")], items,
                     [14, 30, 44, 30, 30, 9], f"Insel{number}")
    counts = [[kind_label(kind), category_label(label), n]
              for kind in ("resource", "barrier") for label, n in island["counts"][kind]]
    colours = [RESOURCE if kind == "resource" else BARRIER
               for kind in ("resource", "barrier") for _l in island["counts"][kind]]
    start = row
    row = book.table(sheet, start, [_("Art"), _("Kategorie"), _("Karten")], counts, None,
                     f"Insel{number}Kategorien")
    # Kind and category as the chart's two-level axis: the kind is written, not only coloured.
    covered = book.bar_chart(sheet, _("Karten nach Kategorie"),
                             (start + 1, start + len(counts)), (0, 1), colours,
                             f"E{start + 1}")
    steps = [[n, a["what"], a["who"], a["due"],
              " · ".join(f"{kind_label(i['kind'])}: {i['text']}" for i in a["addressed"])]
             for n, a in enumerate(island["agreements"], 1)]
    book.table(sheet, max(row, start + covered + 1), [_("Nr."), _("Was"), _("Wer"),
                                                       _("Bis wann"), _("Bezogen auf")], steps,
               None, f"Insel{number}Vereinbarungen")


def _full_table(book: _Book, title: str, headers: list[str], rows: list[list],
                widths: list[float], name: str) -> None:
    sheet = book.sheet(title)
    book.table(sheet, 0, headers, rows, widths, name)
    sheet.freeze_panes(1, 0)


def _cards(book: _Book, rows: list[dict]) -> None:
    _full_table(book, _("Alle Karten"), [
        _("Arbeitsinsel"), _("Fallbeispiel"), _("Art"), _("Kategorie"), _("Text"),
        _("Details"), _("Gruppe"), _("Punkte der Karte"), _("Punkte der Gruppe"),
        _("Handlungsfeld (Autor*in)"), _("Freigegeben"), _("Ausgeblendet"),
        _time_header(_("Zeitpunkt")), _("Karten-Nr.")], [
        [r["island"], r["case"], kind_label(r["kind"]), r["category"], r["text"], r["detail"],
         r["group"], r["votes"], r["group_votes"], r["field_of_work"], r["approved"],
         r["hidden"], local_time(r["created_at"]).replace(tzinfo=None), r["card_id"]]
        for r in rows], [22, 24, 11, 24, 40, 30, 22, 10, 10, 24, 11, 11, 18, 9], "Karten")


def render(report: dict, rows: list[dict], agreements: list[dict],
           profiles: list[dict]) -> bytes:
    """The workbook as bytes; `rows` etc. are the full export rows (hidden ones marked)."""
    buffer = io.BytesIO()
    book = _Book(buffer)
    _overview(book, report)
    for number, island in enumerate(report["islands"], 1):
        _island(book, island, number)
    _cards(book, rows)
    _full_table(book, _("Vereinbarungen"), [
        _("Arbeitsinsel"), _("Was"), _("Wer"), _("Bis wann"), _("Karten-Nr."),
        _time_header(_("Festgehalten"))], [
        [a["island"], a["what"], a["who"], a["due"], ", ".join(map(str, a["card_ids"])),
         local_time(a["created_at"]).replace(tzinfo=None)] for a in agreements],
        [22, 44, 22, 16, 14, 18], "Vereinbarungen")
    _full_table(book, _("Ressourcenverzeichnis"), [
        _("Kategorie"), _("Ressource"), _("Details"), _("Arbeitsinsel"), _("Gruppe")], [
        [s["category"], c["text"], c["detail"], c["island"], c["group"]]
        for s in report["directory"] for c in s["cards"]], [26, 40, 30, 22, 22], "Verzeichnis")
    _full_table(book, _("Wer bietet was"), [
        _("Was ich anbieten kann"), _("Name"), _("Organisation"), _("Handlungsfeld"),
        _("Arbeitsinsel"), _("Freigegeben"), _("Ausgeblendet")], [
        [p["offer"], p["display_name"], p["organisation"], p["field_of_work"], p["island"],
         p["approved"], p["hidden"]] for p in profiles],
        [40, 20, 24, 26, 22, 11, 11], "Angebote")
    book.book.close()
    return buffer.getvalue()
