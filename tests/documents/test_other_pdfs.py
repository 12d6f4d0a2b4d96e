"""Reminders and statements of account as PDFs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PIL import Image

from bilag.documents import StatementEntry, render_reminder_pdf, render_statement_pdf
from tests.documents.pdf_reading import pages_text, save_first_page_png, text
from tests.documents.samples import BUYER, FIK, SELLER, reminder, statement


def test_danish_reminder_lists_what_is_owed() -> None:
    shown = text(render_reminder_pdf(reminder()))
    for expected in (
        SELLER.name,
        BUYER.name,
        "Rykker 1",
        "Vedrørende faktura nr. 17",
        "Fakturadato 26.11.2026",
        "Forfaldsdato 04.12.2026",
        "Fakturabeløb 3.887,50",
        "Betalt -1.000,00",
        "Rykkergebyr 100,00",
        "Renter 23,45",
        "Kompensationsgebyr 310,00",
        "I alt at betale 3.320,95",
        f"FIK-kode {FIK}",
        "inkasso",
    ):
        assert expected in shown, expected


def test_english_reminder() -> None:
    shown = text(render_reminder_pdf(reminder("en-GB")))
    for expected in (
        "Reminder 1",
        "Regarding invoice no. 17",
        "Total due 3,320.95",
        "Interest 23.45",
    ):
        assert expected in shown, expected


def test_statement_runs_from_opening_to_closing_balance() -> None:
    shown = text(render_statement_pdf(statement()))
    for expected in (
        "Kontoudtog",
        "Periode 01.01.2026 - 31.12.2026",
        "Primosaldo 2.000,00",
        "Faktura 17 26.11.2026 17 3.887,50 5.887,50",
        "Betaling 01.12.2026 18 -1.000,00 4.887,50",
        "Saldo ultimo 4.637,50",
        BUYER.name,
    ):
        assert expected in shown, expected
    english = text(render_statement_pdf(statement("en-GB")))
    assert "Statement of account" in english and "Closing balance 4,637.50" in english


def test_long_statement_spans_pages() -> None:
    entries = tuple(
        StatementEntry(date(2026, 1, 1 + n % 28), f"Postering {n}", str(n), Decimal(1), Decimal(n))
        for n in range(120)
    )
    pages = pages_text(render_statement_pdf(replace(statement(), entries=entries)))
    assert len(pages) >= 3
    assert "Postering 119" in pages[-1] and "Saldo ultimo" in pages[-1]


def test_reminder_and_statement_render_to_png() -> None:
    for name, pdf in (
        ("reminder", render_reminder_pdf(reminder())),
        ("statement", render_statement_pdf(statement())),
    ):
        path = save_first_page_png(pdf, name)
        with Image.open(path) as image:
            assert image.size == (893, 1263)
            assert len(image.getcolors(1_000_000) or []) > 10
        assert path.stat().st_size > 15_000
