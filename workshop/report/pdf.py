"""The report as PDF (fpdf2, pure Python): selectable text, headings as bookmarks.

The font is DejaVu Sans as matplotlib ships it (umlauts, ß, „“, Polish, Turkish, Greek and
Cyrillic letters), embedded as a subset: nothing to install beyond the Python packages.
"""

import io

from fpdf import FPDF

from . import charts
from .charts import FONTS
from .document import Block, Contents, Heading, PageBreak, Paragraph, Photo, Table, plain
from .document import blocks as report_blocks

FONT = "DejaVu"
INK, MUTED, ACCENT = (27, 31, 36), (91, 101, 112), (29, 92, 99)
HEADING_SIZES = {0: 22, 1: 16, 2: 13, 3: 11.5}
HEADER_FILL = (227, 236, 237)
LINE = (217, 212, 204)
TABLE_SIZE, LINE_HEIGHT, PADDING = 8.5, 3.9, 1.2
CONTENTS_LINE = 5.6


class _Report(FPDF):
    """A4 pages with the event's title and the page number at the foot."""

    def __init__(self, title: str):
        super().__init__(format="A4")
        self.report_title = title
        self.table_headers: tuple[str, ...] = ()
        self.chapters = 0
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.report_title[:90], align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, str(self.page_no()), align="R")


def _heading(pdf: _Report, block: Heading) -> None:
    if block.level >= 1:
        # Bookmarks: chapters at the top level, their sections below.
        pdf.start_section(plain(block.text), level=block.level - 1)
    if block.level <= 1 and pdf.get_y() > pdf.h * 0.8:
        pdf.add_page()
    pdf.ln(2 if block.level else 0)
    pdf.set_font(FONT, "B", HEADING_SIZES[block.level])
    pdf.set_text_color(*(ACCENT if block.level <= 1 else INK))
    pdf.multi_cell(0, HEADING_SIZES[block.level] * 0.5, plain(block.text), new_x="LMARGIN",
                   new_y="NEXT", align="L")
    pdf.ln(1.5)


def _paragraph(pdf: _Report, block: Paragraph) -> None:
    size = {"lead": 14, "note": 8.5}.get(block.style, 10)
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*(MUTED if block.style == "note" else INK))
    pdf.multi_cell(0, size * 0.5, plain(block.text), new_x="LMARGIN", new_y="NEXT",
                   align="L")
    pdf.ln(2)


class _Wrapper:
    """Lines of a cell, with each word measured once per report (a big report repeats a
    few thousand words over tens of thousands of cells)."""

    def __init__(self, pdf: _Report):
        self.pdf = pdf
        self.widths: dict[tuple[str, str], float] = {}

    def width(self, style: str, text: str) -> float:
        key = (style, text)
        if key not in self.widths:
            self.widths[key] = self.pdf.get_string_width(text)
        return self.widths[key]

    def lines(self, style: str, text: str, room: float) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            while self.width(style, word) > room:  # a compound longer than the column
                cut = next(n for n in range(len(word) - 1, 0, -1)
                           if self.width(style, word[:n]) <= room or n == 1)
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{line} {word}" if line else word
            if line and self.width(style, candidate) > room:
                lines.append(line)
                candidate = word
            line = candidate
        return [*lines, line] if line or not lines else lines


def _row(pdf: _Report, wrapper: _Wrapper, widths: list[float], values, style: str) -> None:
    pdf.set_font(FONT, style, TABLE_SIZE)
    cells = [wrapper.lines(style, plain(text), width - 2 * PADDING)
             for text, width in zip(values, widths, strict=True)]
    height = max(len(lines) for lines in cells) * LINE_HEIGHT + 2 * PADDING
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        if style == "":
            _row(pdf, wrapper, widths, pdf.table_headers, "B")  # the header on every page
            pdf.set_font(FONT, style, TABLE_SIZE)
    y = pdf.get_y()
    if style == "B":
        pdf.set_fill_color(*HEADER_FILL)
        pdf.rect(pdf.l_margin, y, sum(widths), height, style="F")
    x = pdf.l_margin
    for lines, width in zip(cells, widths, strict=True):
        for n, line in enumerate(lines):
            pdf.text(x + PADDING, y + PADDING + n * LINE_HEIGHT + LINE_HEIGHT * 0.78, line)
        x += width
    pdf.line(pdf.l_margin, y + height, pdf.l_margin + sum(widths), y + height)
    pdf.set_y(y + height)


def _table(pdf: _Report, block: Table, wrapper: _Wrapper) -> None:
    """Rows that break across pages with the header repeated; fpdf2's own tables measured
    ~3 ms a cell, too slow for the tens of thousands of cells of a 40-island report."""
    total = sum(block.widths)
    widths = [pdf.epw * w / total for w in block.widths]
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.table_headers = block.headers
    _row(pdf, wrapper, widths, block.headers, "B")
    for values in block.rows:
        _row(pdf, wrapper, widths, values, "")
    pdf.ln(3)


def _chart(pdf: _Report, block: charts.Chart) -> None:
    pdf.image(charts.image(block), w=pdf.epw * 0.95)
    pdf.ln(2)


def _photo(pdf: _Report, block: Photo) -> None:
    """The JPEG as it is (PDF embeds JPEG unchanged), at most the page's width and 120 mm."""
    scale = min(pdf.epw / block.width, 120 / block.height)
    width, height = block.width * scale, block.height * scale
    if pdf.get_y() + height + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(block.jpeg), w=width, h=height)
    _paragraph(pdf, Paragraph(block.caption, "note"))


def _contents(pdf: _Report, block: Contents) -> None:
    """The chapters with their pages, filled in when the document is done: fpdf2 keeps as
    many pages free as the chapters need, one line each."""
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*INK)
    pdf.ln(4)
    pdf.cell(0, 6, block.title, new_x="LMARGIN", new_y="NEXT")
    here = int((pdf.page_break_trigger - pdf.get_y()) // CONTENTS_LINE)
    per_page = int((pdf.page_break_trigger - pdf.t_margin) // CONTENTS_LINE)
    extra = -(-max(0, pdf.chapters - here) // per_page)
    pdf.insert_toc_placeholder(_render_contents, pages=1 + extra, reset_page_indices=False)


def _render_contents(pdf: _Report, outline) -> None:
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*INK)
    for section in outline:
        if section.level:
            continue
        link = pdf.add_link(page=section.page_number)
        pdf.set_x(pdf.l_margin)
        pdf.cell(pdf.epw - 15, CONTENTS_LINE, section.name, link=link)
        pdf.cell(15, CONTENTS_LINE, str(section.page_number), align="R", link=link, new_x="LMARGIN",
                 new_y="NEXT")


def _add(pdf: _Report, block: Block, wrapper: _Wrapper) -> None:
    if isinstance(block, Heading):
        _heading(pdf, block)
    elif isinstance(block, Paragraph):
        _paragraph(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block, wrapper)
    elif isinstance(block, charts.Chart):
        _chart(pdf, block)
    elif isinstance(block, Photo):
        _photo(pdf, block)
    elif isinstance(block, PageBreak):
        pdf.add_page()
    elif isinstance(block, Contents):
        _contents(pdf, block)


def render(report: dict, language: str = "de") -> bytes:
    """The report as PDF bytes."""
    pdf = _Report(plain(report["title"]))
    try:
        pdf.set_title(pdf.report_title)
        pdf.set_lang(language)
        pdf.set_creator("workshop")
        pdf.add_page()
        wrapper = _Wrapper(pdf)
        blocks = report_blocks(report)
        pdf.chapters = sum(isinstance(b, Heading) and b.level == 1 for b in blocks)
        for previous, block in zip([None, *blocks], blocks, strict=False):
            if isinstance(block, PageBreak) and isinstance(previous, Contents):
                continue  # the contents end with a new page of their own
            _add(pdf, block, wrapper)
        return bytes(pdf.output())
    finally:
        for font in pdf.fonts.values():  # output() closes them too; a failure would not
            font.close()
