"""Invoices, credit notes and quotes as PDFs: what a reader of the page sees."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bilag.documents import DocumentError, DocumentLine, render_sales_pdf
from tests.documents.pdf_reading import pages_text, save_first_page_png, text
from tests.documents.samples import BUYER, FIK, SELLER, product, sales


def test_danish_invoice_shows_everything_a_customer_needs() -> None:
    document = sales()
    shown = text(render_sales_pdf(document))
    for expected in (
        SELLER.name,
        "Søndergade 12",
        "8000 Aarhus C",
        "CVR-nr. 12345674",
        BUYER.name,
        "Att. Søren Ærø",
        "Ålborggade 3, 2. th.",
        "2100 København Ø",
        "Faktura nr. 17",
        "Fakturadato 26.11.2026",
        "Forfaldsdato 04.12.2026",
        "Ydelser i november",
        "Rådgivning om æbletræer",
        "Konsulent: Åse",
        "Jordbærplanter",
        "Fragt til Tyskland",
        "2,5 timer 800,00",
        "40 stk. 12,50 10 % 450,00",
        "Beskrivelse Antal Enhed Enhedspris Rabat Beløb DKK",
        "Subtotal 2.750,00",
        "Moms (25%) 612,50",
        "Total DKK 3.362,50",
        "Betalingsbetingelser Netto 8 dage",
        f"FIK-kode {FIK}",
        "reg. 1234 konto 0001234567",
        "Tak for handlen!",
        "Side 1 af 1",
    ):
        assert expected in shown, expected


def test_english_invoice_uses_english_labels_and_number_format() -> None:
    document = sales(language="en-GB", lines=(product("Consulting", "1234.5", "hours", "10"),))
    shown = text(render_sales_pdf(document))
    for expected in (
        "Invoice no. 17",
        "Invoice date 26 Nov 2026",
        "Due date 4 Dec 2026",
        "Description Quantity Unit Unit price Discount Amount DKK",
        "1,234.5 hours 10.00 12,345.00",
        "VAT (25%) 3,086.25",
        "Total DKK 15,431.25",
        "Payment terms Net 8 days",
        f"FIK code {FIK}",
        "Page 1 of 1",
    ):
        assert expected in shown, expected
    assert "Faktura" not in shown


@pytest.mark.parametrize(
    ("language", "title"), [("da-DK", "Faktura - Kladde"), ("en-GB", "Invoice - Draft")]
)
def test_a_draft_says_so_and_has_no_number(language: str, title: str) -> None:
    shown = text(render_sales_pdf(sales(language=language, number=None)))
    assert title in shown
    assert "nr. 17" not in shown and "no. 17" not in shown


def test_credit_note_names_the_invoice_it_credits() -> None:
    shown = text(render_sales_pdf(sales("credit_note", number=3)))
    assert "Kreditnota nr. 3" in shown
    assert "Kreditnota for faktura nr. 16" in shown
    assert "Dato 26.11.2026" in shown
    assert "FIK" not in shown
    english = text(render_sales_pdf(sales("credit_note", "en-GB", number=3)))
    assert "Credit note no. 3" in english and "Credit note for invoice no. 16" in english


def test_quote_is_titled_tilbud_or_quote() -> None:
    assert "Tilbud nr. 5" in text(render_sales_pdf(sales("trade_offer", number=5)))
    shown = text(render_sales_pdf(sales("trade_offer", "en-GB", number=5)))
    assert "Quote no. 5" in shown and "Valid until 4 Dec 2026" in shown


def test_eighty_lines_flow_over_pages_and_every_line_is_shown() -> None:
    lines = tuple(product(f"Vare nummer {n:03d}", "1", "parts", "10") for n in range(80))
    pages = pages_text(render_sales_pdf(sales(lines=lines)))
    assert len(pages) >= 3
    joined = " ".join(pages)
    for n in range(80):
        assert f"Vare nummer {n:03d}" in joined
    assert f"Side 1 af {len(pages)}" in pages[0]
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]
    assert all("Beskrivelse Antal" in page for page in pages[:-1])
    assert "Total DKK 1.000,00" in pages[-1]


def test_long_descriptions_wrap_and_odd_characters_do_not_break_rendering() -> None:
    long = "Meget lang beskrivelse " * 12
    lines = (product(long, "1", "parts", "10"), product("Emoji ☃ and € and – dash", "1", "km", "5"))
    shown = text(render_sales_pdf(sales(lines=lines)))
    assert "Meget lang beskrivelse" in shown
    assert "€ and – dash" in shown
    assert "Emoji ? and" in shown


def test_free_text_address_replaces_the_structured_one() -> None:
    buyer = replace(BUYER, address_text="Postboks 42\nDK-9999 Ingenby")
    shown = text(render_sales_pdf(sales(buyer=buyer)))
    assert "Postboks 42" in shown and "DK-9999 Ingenby" in shown
    assert "Ålborggade" not in shown


def test_text_lines_show_only_their_description() -> None:
    lines = (DocumentLine(description="Afsnit: Materialer", line_type="Text"),)
    shown = text(render_sales_pdf(sales(lines=lines + (product("Søm", "100", "parts", "1"),))))
    assert "Afsnit: Materialer" in shown


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(DocumentError, match="kind"):
        render_sales_pdf(sales(kind="order"))


def test_rendering_is_deterministic() -> None:
    assert render_sales_pdf(sales()) == render_sales_pdf(sales())


@pytest.mark.parametrize(
    ("name", "kind", "language"),
    [
        ("invoice", "invoice", "da-DK"),
        ("credit_note", "credit_note", "en-GB"),
        ("quote", "trade_offer", "da-DK"),
    ],
)
def test_first_page_renders_to_png(name: str, kind: str, language: str) -> None:
    path = save_first_page_png(render_sales_pdf(sales(kind, language)), name)
    assert path.stat().st_size > 20_000
    from PIL import Image

    with Image.open(path) as image:
        assert image.size == (893, 1263)
        assert len(image.getcolors(1_000_000) or []) > 10


def test_amounts_are_rounded_to_ore_on_the_page() -> None:
    lines = (product("Brøkdel", "3", "parts", "0.333"),)
    shown = text(render_sales_pdf(sales(lines=lines)))
    assert "3 stk. 0,33 1,00" in shown


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da-DK", "Subtotal 2.750,00 Moms 612,50 Total DKK 3.362,50"),
        ("en-GB", "Subtotal 2,750.00 VAT 612.50 Total DKK 3,362.50"),
    ],
)
def test_without_total_lines_the_totals_are_shown(language: str, expected: str) -> None:
    assert expected in text(render_sales_pdf(sales(language=language, total_lines=())))


def test_other_languages_fall_back_to_english() -> None:
    shown = text(render_sales_pdf(sales(language="de-DE")))
    assert "Invoice no. 17" in shown and "Total DKK 3,362.50" in shown


def test_negative_amounts_and_foreign_buyer() -> None:
    buyer = replace(
        BUYER,
        country_key="de",
        vat_number="DE123456789",
        zip_code="10115",
        city="Berlin",
        street="Unter den Linden 1",
        attention=None,
    )
    lines = (product("Returneret vare", "-2", "parts", "100"),)
    shown = text(render_sales_pdf(sales(lines=lines, buyer=buyer, currency="EUR")))
    assert "-2 stk. 100,00 -200,00" in shown
    assert "10115 Berlin DE" in shown and "Momsnr. DE123456789" in shown
    assert "Beløb EUR" in shown
