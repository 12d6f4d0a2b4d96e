"""Sustained invoices per second: create and book a 10-line invoice over the API, against the
purchase-voucher benchmark's bare insert; then the median time to fetch the invoice as a PDF.

    python bench/invoices.py [--seconds 10] [--rounds 2] [--connections 4]
                             [--pdf-repetitions 9] [--redis URL|none] [--postgresql URL]

Starts `bilag serve` with `BILAG_BENCH_ENDPOINTS=1`, adds a customer over the API and loads, in
alternating rounds: (a) the baseline of bench/vouchers.py, `POST /bench/{org}/purchase-voucher`
(a booked two-line voucher's rows in one durable transaction); and (b) `POST /v1/{org}/invoices`
with 10 product lines, then `POST /v1/{org}/invoices/{guid}/book`. Prints units per second,
latency per unit and (b) as a share of (a). Then times `GET /v1/{org}/invoices/{guid}` with
`Accept: application/pdf` on one booked invoice, or says why it cannot. See bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from bench.flows import Unit, checked  # noqa: E402
from bench.loadgen import Figures  # noqa: E402
from bench.run import access_token  # noqa: E402
from bench.server import BenchServer  # noqa: E402
from bench.vouchers import (  # noqa: E402
    argument_parser,
    bare_unit,
    counters_url,
    header_lines,
    measure,
    print_share,
    report,
    server_env,
)

TARGET_SHARE = 0.30  # the target: the invoice flow at least 30% of the bare insert's rate
PDF = "application/pdf"
CUSTOMER = {
    "Name": "Nordlys Webbureau ApS",
    "Street": "Vestergade 12, 2. th.",
    "ZipCode": "8000",
    "City": "Aarhus C",
    "CountryKey": "DK",
    "Email": "bogholderi@nordlys.example",
    "IsPerson": False,
    "IsMember": False,
    "UseCvr": False,
}
# (description, quantity, unit, account, unit price excl. VAT, discount %)
LINES = [
    ("Webdesign, forside og undersider", 12, "hours", 1000, 850.00, 0),
    ("Programmering af webshop", 24.5, "hours", 1000, 950.00, 0),
    ("Projektledelse", 6, "hours", 1000, 750.00, 10),
    ("Hosting, 12 måneder", 12, "month", 1000, 149.00, 0),
    ("Domæne nordlys.example, 1 år", 1, "parts", 1000, 99.00, 0),
    ("SSL-certifikat", 1, "parts", 1000, 450.00, 0),
    ("Workshop om indhold", 1, "day", 1000, 6500.00, 15),
    ("Kørsel til kundemøder", 84, "km", 1000, 3.79, 0),
    ("Support efter lancering", 3, "session", 1000, 400.00, 0),
    ("Udlæg: billedrettigheder", 5, "parts", 1100, 299.00, 5),
]


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--pdf-repetitions", type=int, default=9, help="timed PDF requests")
    return parser.parse_args(argv)


def invoice(contact_guid: str) -> dict[str, Any]:
    return {
        "ContactGuid": contact_guid,
        "Date": date.today().isoformat(),
        "PaymentConditionType": "Netto",
        "PaymentConditionNumberOfDays": 14,
        "ExternalReference": "Ordre 2026-118",
        "Comment": "Tak for samarbejdet.",
        "ProductLines": [
            {
                "Description": description,
                "Quantity": quantity,
                "Unit": unit,
                "AccountNumber": account,
                "BaseAmountValue": price,
                "Discount": discount,
                "LineType": "Product",
            }
            for description, quantity, unit, account, price, discount in LINES
        ],
    }


def add_customer(server: BenchServer, headers: dict[str, str]) -> str:
    url = f"{server.base_url}/v1/{server.demo.organization_id}/contacts"
    guid: str = checked(httpx.post(url, json=CUSTOMER, headers=headers)).json()["ContactGuid"]
    return guid


def create_and_book(client: httpx.Client, organization_id: int, body: dict[str, Any]) -> str:
    """The booked invoice's Guid."""
    created = checked(client.post(f"/v1/{organization_id}/invoices", json=body)).json()
    url = f"/v1/{organization_id}/invoices/{created['Guid']}/book"
    checked(client.post(url, json={"Timestamp": created["TimeStamp"]}))
    guid: str = created["Guid"]
    return guid


def api_unit(organization_id: int, contact_guid: str) -> Unit:
    body = invoice(contact_guid)

    def unit(client: httpx.Client) -> None:
        create_and_book(client, organization_id, body)

    return unit


def pdf_timings(
    server: BenchServer, headers: dict[str, str], contact_guid: str, repetitions: int
) -> tuple[list[float], int] | str:
    """Seconds of each timed PDF request and the PDF's size, or why there is no PDF to time."""
    organization = server.demo.organization_id
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client:
        guid = create_and_book(client, organization, invoice(contact_guid))
        url, accept = f"/v1/{organization}/invoices/{guid}", {"Accept": PDF}
        first = client.get(url, headers=accept)  # untimed: the first render may warm caches
        kind = first.headers.get("content-type", "no content type")
        if first.status_code != 200 or not kind.startswith(PDF) or first.content[:5] != b"%PDF-":
            return f"HTTP {first.status_code} {kind.split(';')[0]}"
        seconds = []
        for _ in range(repetitions):
            began = time.perf_counter()
            checked(client.get(url, headers=accept))
            seconds.append(time.perf_counter() - began)
        return seconds, len(first.content)


def print_pdf(outcome: tuple[list[float], int] | str) -> float | None:
    """Prints the PDF figures; the median in seconds, or None when skipped."""
    if isinstance(outcome, str):
        print(
            f"PDF: skipped, the server answers `Accept: {PDF}` with {outcome}, not a PDF "
            "(no renderer wired in yet)."
        )
        return None
    seconds, size = outcome
    median = statistics.median(seconds)
    print(
        f"PDF of the booked 10-line invoice: median {median * 1e3:.1f} ms over {len(seconds)} "
        f"requests (min {min(seconds) * 1e3:.1f}, max {max(seconds) * 1e3:.1f}), "
        f"{size / 1024:.1f} KiB."
    )
    return median


def entries_per_invoice(database_url: str) -> float:
    """Journal entries per booked invoice of (b)."""
    from sqlalchemy import func, select

    from bilag.storage.db import Database
    from bilag.storage.models import JournalEntry, SalesDocument

    booked = (SalesDocument.kind == "invoice", SalesDocument.status == "booked")
    database = Database(database_url)
    try:
        with database.read() as session:
            count = select(func.count()).select_from(SalesDocument).where(*booked)
            invoices = session.scalar(count)
            entries = session.scalar(
                select(func.count())
                .select_from(JournalEntry)
                .join(SalesDocument, SalesDocument.guid == JournalEntry.voucher_guid)
                .where(*booked)
            )
            return (entries or 0) / invoices if invoices else 0.0
    finally:
        database.dispose()


def main(argv: list[str] | None = None) -> dict[str, Figures]:
    args = parse_arguments(argv)
    redis_url = counters_url(args.redis)
    with (
        fresh_database(args.postgresql) as database_url,
        BenchServer(env=server_env(redis_url), database_url=database_url) as server,
    ):
        token, token_source = access_token(server)
        headers = {"Authorization": f"Bearer {token}"}
        organization = server.demo.organization_id
        contact = add_customer(server, headers)
        bare = "(a) bare insert: POST /bench/{org}/purchase-voucher"
        api = "(b) API: POST /v1/.../invoices (10 lines) + .../{guid}/book"
        units = {bare: bare_unit(organization), api: api_unit(organization, contact)}
        figures, problems = measure(server, headers, units, args)
        title = (
            "bilag benchmark: booked 10-line invoices, sustained; one unit is (a) a bare voucher "
            "insert, (b) an invoice created and booked"
        )
        header = header_lines(title, args, database_url, redis_url, token_source)
        report(header, figures, problems, "units")
        per_invoice = entries_per_invoice(server.database_url)
        print(f"\nJournal entries per booked invoice of (b): {per_invoice:g}.")
        print_share(figures, bare, api, TARGET_SHARE)
        print_pdf(pdf_timings(server, headers, contact, args.pdf_repetitions))
    return figures


if __name__ == "__main__":
    main()
