"""How long one 10-line invoice takes to render as a PDF, and as an OIOUBL e-invoice.

    python bench/documents.py [--repetitions 200]

In-process, no server: `bilag.documents` is pure. After a few warm-up renders, each of
`--repetitions` renders is timed alone and the median and 90th percentile are printed, with the
PDF's size. See bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bilag.documents import (  # noqa: E402
    DocumentLine,
    EndpointId,
    Party,
    SalesDocument,
    TotalLine,
    fik_code,
    oioubl_invoice,
    render_sales_pdf,
)

WARMUP = 5


def ten_line_invoice() -> SalesDocument:
    lines = tuple(
        DocumentLine(
            description=f"Konsulentbistand, fase {n + 1} (æøå)",
            comments="Udført på stedet" if n % 3 == 0 else None,
            quantity=Decimal(n + 1),
            unit="hours",
            unit_price=Decimal("850.00"),
            unit_price_excl_vat=Decimal("850.00"),
            total=Decimal("850.00") * (n + 1),
            total_excl_vat=Decimal("850.00") * (n + 1),
            vat_rate=Decimal("0.25"),
            vat_code="U25",
        )
        for n in range(10)
    )
    excl = sum((line.total_excl_vat for line in lines), Decimal(0))
    vat = excl * Decimal("0.25")
    return SalesDocument(
        kind="invoice",
        number=1001,
        issue_date=date(2026, 11, 26),
        due_date=date(2026, 12, 4),
        currency="DKK",
        language="da-DK",
        seller=Party("Bench ApS", "Vestergade 1", "8000", "Aarhus C", vat_number="12345674"),
        buyer=Party("Kunde A/S", "Nørregade 2", "1165", "København K", vat_number="87654311"),
        lines=lines,
        total_lines=(
            TotalLine("Subtotal", excl, "SubTotal"),
            TotalLine("Moms (25%)", vat, "Vat"),
            TotalLine("Total DKK", excl + vat, "Total"),
        ),
        total_excl_vat=excl,
        total_vat=vat,
        total_incl_vat=excl + vat,
        payment_terms="Netto 8 dage",
        fik_code=fik_code("12345678", "1001"),
        bank_account="reg. 1234 konto 1234567",
    )


def timings(render: Callable[[], bytes], repetitions: int) -> tuple[list[float], int]:
    size = 0
    for _ in range(WARMUP):
        size = len(render())
    seconds = []
    for _ in range(repetitions):
        started = time.perf_counter()
        render()
        seconds.append(time.perf_counter() - started)
    return seconds, size


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=200)
    args = parser.parse_args(argv)
    invoice = ten_line_invoice()
    receiver = EndpointId("DK:CVR", "87654311")
    medians = {}
    for name, render in (
        ("PDF", lambda: render_sales_pdf(invoice)),
        ("OIOUBL", lambda: oioubl_invoice(invoice, "FIK", receiver)),
    ):
        seconds, size = timings(render, args.repetitions)
        medians[name] = statistics.median(seconds)
        p90 = sorted(seconds)[int(0.9 * (len(seconds) - 1))]
        print(
            f"10-line invoice as {name}: median {medians[name] * 1000:.2f} ms, "
            f"p90 {p90 * 1000:.2f} ms, {size} bytes ({args.repetitions} renders)"
        )
    return medians


if __name__ == "__main__":
    main()
