"""The documents benchmark runs and measures both renderings."""

from __future__ import annotations

import pytest
from bench import documents

from bilag.documents import render_sales_pdf
from tests.documents.pdf_reading import text


def test_the_documents_benchmark_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    medians = documents.main(["--repetitions", "2"])
    assert set(medians) == {"PDF", "OIOUBL"}
    output = capsys.readouterr().out
    assert "10-line invoice as PDF: median" in output
    assert "10-line invoice as OIOUBL: median" in output


def test_the_benchmarked_invoice_has_ten_lines() -> None:
    invoice = documents.ten_line_invoice()
    assert len(invoice.lines) == 10
    shown = text(render_sales_pdf(invoice))
    assert all(f"fase {n} (æøå)" in shown for n in range(1, 11))
