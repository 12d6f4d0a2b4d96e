"""The page every document shares: A4, core fonts, the parties, facts, tables and a footer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bilag.documents.labels import Labels
from bilag.documents.model import Party

FONT = "helvetica"
MARGIN = 15.0
WIDTH = 180.0
LINE = 4.6
ENCODING = "windows-1252"


def printable(text: str) -> str:
    """What the core fonts can show: cp1252 (æøå, €, dashes); anything else becomes "?"."""
    return text.encode(ENCODING, errors="replace").decode(ENCODING)


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "R"


class Page(FPDF):
    """An A4 document whose footer names the seller and numbers the pages."""

    def __init__(self, labels: Labels, seller: Party, issued: date) -> None:
        super().__init__(unit="mm", format="A4")
        self.labels = labels
        self.seller = seller
        self.buyer_bottom = MARGIN
        self.core_fonts_encoding = ENCODING
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_creation_date(datetime(issued.year, issued.month, issued.day, tzinfo=UTC))
        self.set_title(printable(seller.name))
        self.set_author(printable(seller.name))
        self.alias_nb_pages()
        self.add_page()

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=7.5)
        self.set_text_color(110)
        facts = [self.seller.name]
        if self.seller.vat_number:
            facts.append(f"{self.labels['vat_number']} {self.seller.vat_number}")
        facts.extend(f for f in (self.seller.email, self.seller.phone) if f)
        self.cell(WIDTH * 0.8, 4, printable("  ·  ".join(facts)))
        page = self.labels["page"].format(page=self.page_no(), pages="{nb}")
        self.cell(WIDTH * 0.2, 4, page, align="R")
        self.set_text_color(0)

    def write_text(self, text: str, size: float = 9, style: str = "", width: float = WIDTH) -> None:
        self.set_font(FONT, style=style, size=size)
        self.multi_cell(width, LINE, printable(text), align="L", new_x=XPos.LMARGIN)

    def parties(self, buyer: Party) -> None:
        """The seller top right, the buyer's address block on the left below it."""
        self.set_xy(110, MARGIN)
        self.set_font(FONT, style="B", size=13)
        self.multi_cell(85, 6, printable(self.seller.name), align="R", new_x=XPos.LEFT)
        self.set_font(FONT, size=8.5)
        lines = address_lines(self.seller)
        if self.seller.vat_number:
            lines.append(f"{self._vat_label(self.seller)} {self.seller.vat_number}")
        lines.extend(f for f in (self.seller.email, self.seller.phone) if f)
        self.multi_cell(85, 4, printable("\n".join(lines)), align="R", new_x=XPos.LMARGIN)
        top = max(self.get_y() + 6, 45.0)
        self.set_xy(MARGIN, top)
        self.set_font(FONT, style="B", size=10)
        self.multi_cell(95, 5, printable(buyer.name), align="L", new_x=XPos.LMARGIN)
        self.set_font(FONT, size=9.5)
        lines = []
        if buyer.attention:
            lines.append(f"{self.labels['attention']} {buyer.attention}")
        lines.extend(address_lines(buyer))
        if buyer.vat_number:
            lines.append(f"{self._vat_label(buyer)} {buyer.vat_number}")
        if buyer.ean_number:
            lines.append(f"{self.labels['ean_number']} {buyer.ean_number}")
        if lines:
            self.multi_cell(95, 4.6, printable("\n".join(lines)), align="L", new_x=XPos.LMARGIN)
        self.buyer_bottom = self.get_y()
        self.set_xy(MARGIN, top)

    def _vat_label(self, party: Party) -> str:
        danish = party.country_key.upper() == "DK"
        return self.labels["vat_number" if danish else "foreign_vat_number"]

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        """Label/value pairs at the right of the buyer block (dates, references)."""
        top = self.get_y()
        for label, value in rows:
            self.set_x(125)
            self.set_font(FONT, size=9)
            self.cell(32, LINE, printable(label))
            self.set_font(FONT, style="B", size=9)
            self.cell(38, LINE, printable(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(self.get_y(), self.buyer_bottom, top) + 8)

    def heading(self, text: str, subtitle: str | None = None) -> None:
        self.set_font(FONT, style="B", size=17)
        self.cell(WIDTH, 9, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.write_text(subtitle, size=10)
        self.ln(3)

    def table_head(self, columns: Sequence[Column]) -> None:
        self.set_font(FONT, style="B", size=8.5)
        self.set_fill_color(236)
        for column in columns:
            self.cell(column.width, 6, printable(column.title), align=column.align, fill=True)
        self.ln(7)

    def table_row(
        self,
        columns: Sequence[Column],
        cells: Sequence[str],
        note: str | None = None,
        style: str = "",
    ) -> None:
        """One row; the first cell wraps (with an optional smaller note under it)."""
        first = columns[0].width - 2
        text, note_text = printable(cells[0]), printable(note or "")
        self.set_font(FONT, style=style, size=9)
        height = LINE * self._line_count(first, text)
        if note_text:
            self.set_font(FONT, style="I", size=7.5)
            height += 3.6 * self._line_count(first, note_text)
        if self.will_page_break(height + 1):
            self.add_page()
            self.table_head(columns)
        top = self.get_y()
        self.set_font(FONT, style=style, size=9)
        self._paragraph(first, LINE, text)
        if note_text:
            self.set_font(FONT, style="I", size=7.5)
            self.set_text_color(90)
            self._paragraph(first, 3.6, note_text)
            self.set_text_color(0)
        self.set_xy(MARGIN + columns[0].width, top)
        self.set_font(FONT, style=style, size=9)
        for column, value in zip(columns[1:], cells[1:], strict=True):
            self.cell(column.width, LINE, printable(value), align=column.align)
        self.set_xy(MARGIN, top + height + 1.2)

    def _fits(self, width: float, text: str) -> bool:
        return "\n" not in text and self.get_string_width(text) <= width - 2 * self.c_margin

    def _line_count(self, width: float, text: str) -> int:
        """The lines `text` takes in the current font; one line is measured, not broken."""
        if self._fits(width, text):
            return 1
        lines = self.multi_cell(width, LINE, text, dry_run=True, output="LINES")
        assert isinstance(lines, list)
        return len(lines)

    def _paragraph(self, width: float, height: float, text: str) -> None:
        """`text` at the left margin of a `width` box, wrapped only when it must be."""
        x = self.get_x()
        if self._fits(width, text):
            self.cell(width, height, text)
            self.set_xy(x, self.get_y() + height)
        else:
            self.multi_cell(width, height, text, align="L", new_x=XPos.LEFT)

    def rule(self, x: float = MARGIN, width: float = WIDTH) -> None:
        self.set_draw_color(170)
        self.line(x, self.get_y(), x + width, self.get_y())
        self.ln(1.5)

    def sums(self, rows: Sequence[tuple[str, str, bool]]) -> None:
        """Right-aligned label/amount rows; a bold row gets a rule above it."""
        self.ln(2)
        if self.will_page_break(LINE * len(rows) + 4):
            self.add_page()
        for label, amount, bold in rows:
            if bold:
                self.rule(115, 80)
            self.set_x(115)
            self.set_font(FONT, style="B" if bold else "", size=10 if bold else 9)
            self.cell(50, LINE + 0.6, printable(label))
            self.cell(30, LINE + 0.6, printable(amount), align="R")
            self.ln(LINE + 0.8)
        self.ln(4)

    def notes(self, rows: Sequence[tuple[str, str, bool]]) -> None:
        """Label: text paragraphs (payment terms, bank, FIK, comment); a bold one stands out."""
        for label, text, bold in rows:
            if self.will_page_break(LINE * 2):
                self.add_page()
            self.set_font(FONT, style="B", size=9)
            self.cell(38, LINE, printable(label))
            self.set_font(FONT, style="B" if bold else "", size=10 if bold else 9)
            self.multi_cell(WIDTH - 38, LINE, printable(text), align="L", new_x=XPos.LMARGIN)
            self.ln(1)

    def document(self) -> bytes:
        return bytes(self.output())


def address_lines(party: Party) -> list[str]:
    if party.address_text:
        return [line.strip() for line in party.address_text.splitlines() if line.strip()]
    lines = [party.street] if party.street else []
    town = " ".join(p for p in (party.zip_code, party.city) if p)
    if town:
        lines.append(town)
    if party.country_key and party.country_key.upper() != "DK":
        lines.append(party.country_key.upper())
    return lines
