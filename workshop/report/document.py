"""The report as a list of blocks (headings, paragraphs, tables, charts) for DOCX and PDF.

One layout, two renderers: docx.py and pdf.py turn the same blocks into their format.
Text is translated into the language of the page that asked for it (Flask-Babel's locale).
Every chart is followed by a table with its numbers: no text lives in an image only.
"""

import re
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest

from flask_babel import format_date
from flask_babel import gettext as _

from .charts import Chart


@dataclass(frozen=True)
class Heading:
    """A heading: level 0 is the title, 1 to 3 are chapters (and bookmarks)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text; `style` is "", "lead" (bigger) or "note" (smaller, grey)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are relative column widths."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Contents:
    """The table of contents (Word fills it in; a PDF viewer shows the bookmarks)."""

    title: str
    hint: str


@dataclass(frozen=True)
class PageBreak:
    """A new page."""


@dataclass(frozen=True)
class Photo:
    """A photo of an island's table (a JPEG) with its caption."""

    jpeg: bytes
    width: int
    height: int
    caption: str


Block = Heading | Paragraph | Table | Contents | PageBreak | Chart | Photo
RESOURCE, BARRIER = "#1f6f4a", "#a0401c"  # the app's colours (static/css/app.css)
ACCENT = "#1d5c63"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def plain(text: str) -> str:
    """Text every format can hold: a vertical tab pasted from Word becomes a space (XML
    refuses it, a PDF font has no glyph for it)."""
    return _CONTROL.sub(" ", text)


def kind_label(kind: str, plural: bool = False) -> str:
    """Ressource/Barriere in the page's language."""
    if kind == "resource":
        return _("Ressourcen") if plural else _("Ressource")
    return _("Barrieren") if plural else _("Barriere")


def category_label(label: str) -> str:
    """A category's name; cards whose category was removed are "ohne Kategorie"."""
    return label or _("ohne Kategorie")


def event_date(iso: str | None) -> str:
    """The event's date, long and localised (14. März 2025)."""
    return format_date(date.fromisoformat(iso), "long") if iso else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _points(item: dict) -> str:
    return str(item["points"])


def _item_text(item: dict) -> str:
    """A card with its details, or a group with its cards."""
    if item["group"]:
        return _("Gruppe „%(label)s“: %(cards)s", label=item["text"],
                 cards=" · ".join(item["cards"]))
    return f"{item['text']} – {item['detail']}" if item["detail"] else item["text"]


def _chart_with_numbers(chart: Chart, label_header: str, value_header: str) -> list[Block]:
    rows = tuple((label, str(value)) for label, value in zip(chart.labels, chart.values,
                                                             strict=True))
    return [chart, Table((label_header, value_header), rows, (4, 1))]


def _title_page(report: dict) -> list[Block]:
    when = " · ".join(p for p in (event_date(report["date"]), report["place"]) if p)
    totals = report["totals"]
    return [
        Heading(0, report["title"]),
        Paragraph(_("Dokumentation"), "lead"),
        *([Paragraph(when, "lead")] if when else []),
        Paragraph(_("Arbeitsinseln: %(islands)s · Ressourcen: %(resources)s · Barrieren: "
                    "%(barriers)s · Punkte: %(dots)s · Vereinbarungen: %(agreements)s",
                    islands=totals["islands"], resources=totals["resource"],
                    barriers=totals["barrier"], dots=totals["dots"],
                    agreements=totals["agreements"])),
        Contents(_("Inhalt"), _("Word füllt das Inhaltsverzeichnis beim Öffnen aus (oder mit "
                                "Rechtsklick: Felder aktualisieren).")), PageBreak()]


def _method() -> list[Block]:
    return [
        Heading(1, _("Die Methode")),
        Paragraph(_("Die Teilnehmenden arbeiteten an Arbeitsinseln. Jede Insel hatte ein "
                    "anonymisiertes Fallbeispiel: die Lage einer Familie und was sie selbst "
                    "will. Am Handy sammelten alle Ressourcen (Menschen, Orte, Vereine, "
                    "Dienste) und Barrieren rund um den Fall.")),
        Paragraph(_("Ablauf: Ankommen – Sammeln – Ordnen (ähnliche Karten zu Gruppen "
                    "zusammengefasst) – Punkten (jede Person verteilt Punkte auf die "
                    "wichtigsten Karten) – Nächste Schritte (Vereinbarungen: was, wer, bis "
                    "wann) – Abschluss.")),
        Paragraph(_("Punkte werden einmal gezählt: Ein Punkt auf einer Gruppe gehört der "
                    "Gruppe. Ausgeblendete und nicht freigegebene Karten sind nicht Teil "
                    "dieser Dokumentation."), "note")]


def _room(report: dict) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Wer war da?"))]
    if not report["fields"]:
        return [*blocks, Paragraph(_("Niemand hat ein Handlungsfeld angegeben."))]
    labels = tuple(f for f, _n in report["fields"])
    values = tuple(n for _f, n in report["fields"])
    chart = Chart(_("Teilnehmende nach Handlungsfeld"), labels, values, (ACCENT,) * len(labels))
    return [*blocks, Paragraph(_("Nach Handlungsfeld, wie im Profil freiwillig angegeben.")),
            *_chart_with_numbers(chart, _("Handlungsfeld"), _("Personen"))]


def _top(report: dict) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Die wichtigsten Punkte"))]
    if not report["top"]:
        return [*blocks, Paragraph(_("Es wurden keine Punkte vergeben."))]
    top = report["top"]
    chart = Chart(_("Die meisten Punkte über alle Inseln"),
                  tuple(f"{n}. {i['text']} ({kind_label(i['kind'])})"
                        for n, i in enumerate(top, 1)),
                  tuple(i["points"] for i in top),
                  tuple(RESOURCE if i["kind"] == "resource" else BARRIER for i in top))
    rows = tuple((str(n), _item_text(i), kind_label(i["kind"]), i["island"], _points(i))
                 for n, i in enumerate(top, 1))
    return [*blocks, chart,
            Table(("#", _("Punkt"), _("Art"), _("Arbeitsinsel"), _("Punkte")), rows,
                  (0.7, 5, 1.6, 2.4, 1.3))]


def _island_counts(island: dict) -> list[Block]:
    labels, values, colours = [], [], []
    for kind, colour in (("resource", RESOURCE), ("barrier", BARRIER)):
        for label, count in island["counts"][kind]:
            labels.append(f"{kind_label(kind)}: {category_label(label)}")
            values.append(count)
            colours.append(colour)
    chart = Chart(_("Karten nach Kategorie"), tuple(labels), tuple(values), tuple(colours))
    # The numbers side by side, resources and barriers: half as long as one list.
    columns = [[(category_label(label), str(count)) for label, count in island["counts"][kind]]
               for kind in ("resource", "barrier")]
    rows = tuple((*left, *right) for left, right in zip_longest(*columns, fillvalue=("", "")))
    return [chart, Table((kind_label("resource", plural=True), _("Karten"),
                          kind_label("barrier", plural=True), _("Karten")), rows, (4, 1, 4, 1))]


def _island(island: dict) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(1, island["name"])]
    for case in island["cases"]:
        blocks += [Heading(2, _("Fallbeispiel: %(title)s", title=case["title"]))]
        if case["situation"]:
            blocks.append(Paragraph(case["situation"]))
        if case["goal"]:
            blocks.append(Paragraph(_("Wille der Familie: %(goal)s", goal=case["goal"])))
    blocks += [Heading(2, _("Ressourcen und Barrieren")), *_island_counts(island)]
    for kind in ("resource", "barrier"):
        blocks.append(Heading(3, kind_label(kind, plural=True)))
        sections = island["sections"][kind]
        if not sections:
            blocks.append(Paragraph(_("Keine genannt.")))
            continue
        rows = tuple((category_label(s["category"]), _item_text(i), _points(i))
                     for s in sections for i in s["items"])
        blocks.append(Table((_("Kategorie"), kind_label(kind), _("Punkte")), rows,
                            (2.2, 6, 1.2)))
    blocks.append(Heading(2, _("Rangfolge")))
    if island["ranking"]:
        blocks.append(Table((_("Platz"), _("Punkt"), _("Art"), _("Punkte")), tuple(
            (str(n), _item_text(i), kind_label(i["kind"]), _points(i))
            for n, i in enumerate(island["ranking"], 1)), (0.9, 6, 1.6, 1.2)))
    else:
        blocks.append(Paragraph(_("Keine Punkte vergeben.")))
    blocks.append(Heading(2, _("Vereinbarungen")))
    if island["agreements"]:
        blocks.append(Table((_("Was"), _("Wer"), _("Bis wann"), _("Bezogen auf")), tuple(
            (a["what"], a["who"], a["due"],
             " · ".join(f"{kind_label(i['kind'])}: {i['text']}" for i in a["addressed"]))
            for a in island["agreements"]), (3.5, 2, 1.5, 3.5)))
    else:
        blocks.append(Paragraph(_("Keine Vereinbarungen festgehalten.")))
    if island["photos"]:
        blocks.append(Heading(2, _("Fotos")))
        for n, photo in enumerate(island["photos"], 1):
            blocks.append(Photo(photo["jpeg"], photo["width"], photo["height"],
                                _("Foto %(n)s von %(island)s", n=n, island=island["name"])))
    return blocks


def _directory(report: dict) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(1, _("Ressourcenverzeichnis")),
                           Paragraph(_("Alle Ressourcen aller Arbeitsinseln, nach Kategorie "
                                       "und von A bis Z."))]
    if not report["directory"]:
        return [*blocks, Paragraph(_("Keine Ressourcen genannt."))]
    for section in report["directory"]:
        blocks += [Heading(2, category_label(section["category"])),
                   Table((_("Ressource"), _("Details"), _("Arbeitsinsel"), _("Gruppe")), tuple(
                       (c["text"], c["detail"], c["island"], c["group"])
                       for c in section["cards"]), (3, 3, 2, 2))]
    return blocks


def _gaps(report: dict) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Barrieren ohne Ressource")),
                           Paragraph(_("Barrieren, denen keine Vereinbarung eine Ressource "
                                       "zuordnet: offene Aufgaben für den Sozialraum."))]
    if not report["gaps"]:
        return [*blocks, Paragraph(_("Keine."))]
    return [*blocks, Table((_("Barriere"), _("Kategorie"), _("Arbeitsinsel"), _("Punkte")),
                           tuple((_item_text(i), category_label(i["category"]), i["island"],
                                  _points(i)) for i in report["gaps"]), (5, 2.5, 2.5, 1.2))]


def _offers(report: dict) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Wer bietet was?")),
                           Paragraph(_("Angebote, die Teilnehmende in ihrem Profil für andere "
                                       "genannt haben."))]
    if not report["offers"]:
        return [*blocks, Paragraph(_("Keine Angebote genannt."))]
    return [*blocks, Table((_("Was ich anbieten kann"), _("Name"), _("Organisation"),
                            _("Handlungsfeld")), tuple(
        (p["offer"], p["display_name"], p["organisation"], p["field_of_work"])
        for p in report["offers"]), (4, 2, 2.5, 2.5))]


def _appendix(report: dict) -> list[Block]:
    return [PageBreak(), Heading(1, _("Anhang: alle Karten")),
            Paragraph(_("Punkte einer Gruppe stehen einmal, bei ihrer ersten Karte; die "
                        "Karten einer Gruppe haben keine eigenen Punkte."), "note"),
            Table((_("Arbeitsinsel"), _("Art"), _("Kategorie"), _("Text"), _("Gruppe"),
                   _("Punkte der Karte"), _("Punkte der Gruppe")), tuple(
                (r["island"], kind_label(r["kind"]), category_label(r["category"]),
                 f"{r['text']} – {r['detail']}" if r["detail"] else r["text"], r["group"],
                 _number(r["votes"]), _number(r["group_votes"]))
                for r in report["cards"]), (2, 1.5, 2, 4, 2, 1.2, 1.2))]


def blocks(report: dict) -> list[Block]:
    """The report from title page to appendix."""
    result = [*_title_page(report), *_method(), *_room(report), *_top(report)]
    for island in report["islands"]:
        result += _island(island)
    return [*result, *_directory(report), *_gaps(report), *_offers(report), *_appendix(report)]
