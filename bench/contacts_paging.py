"""Page deep into a large contact list: is the last page as quick as the first?

    python bench/contacts_paging.py [--contacts 100000] [--repetitions 9]
                                    [--postgresql postgresql://postgres@127.0.0.1:5432/postgres]

Inserts `--contacts` contacts into the demo's Pro organization with one raw SQL transaction,
then times `GET /v1/{org}/contacts?queryFilter=Name contains 'kunde'&pageSize=100` over real
HTTP for page 0 and for the last page (999 with 100,000 contacts), alternating, and prints the
medians and their ratio. The filter matches all but one contact in 2000. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from bench.run import access_token  # noqa: E402
from bench.server import BenchServer  # noqa: E402

PAGE_SIZE = 100
QUERY_FILTER = "Name contains 'kunde'"
TARGET_RATIO = 2.0  # the target: the last page at most twice the first page's time
UNLIMITED = {"BILAG_RATE_LIMIT_PER_MINUTE": "100000000"}
BATCH = 5000


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=9, help="timed requests per page")
    parser.add_argument(
        "--postgresql", metavar="URL", help="run on a new database on this PostgreSQL server"
    )
    return parser.parse_args(argv)


def contact_rows(organization_id: int, count: int) -> list[dict[str, Any]]:
    """All but one in 2000 are named "Kunde ..." (the filter's matches), so that the last page
    (999 of 100,000 contacts) is still within the matches; UpdatedAt is shuffled so the
    listing's order is not the insertion order."""
    start = datetime(2024, 1, 1)
    rows = []
    for index in range(count):
        name = f"Kunde {index:06d} ApS" if index % 2000 else f"Leverandør {index:06d} A/S"
        stamp = start + timedelta(seconds=(index * 7919) % count)
        rows.append(
            {
                "guid": str(uuid.uuid4()), "organization_id": organization_id, "name": name,
                "country_key": "DK", "vat_region_key": "DK", "email": f"k{index}@example.dk",
                "is_person": False, "is_member": False, "use_cvr": False, "is_debitor": True,
                "is_creditor": False, "payment_condition_type": "Netto",
                "payment_condition_number_of_days": 8, "created_at": stamp, "updated_at": stamp,
            }
        )  # fmt: skip
    return rows


def insert_contacts(database_url: str, organization_id: int, count: int) -> float:
    """Seconds to insert `count` contacts in one transaction, bypassing the API."""
    from sqlalchemy import insert

    from bilag.storage.db import Database
    from bilag.storage.models import Contact

    rows = contact_rows(organization_id, count)
    database = Database(database_url)
    try:
        began = time.perf_counter()
        with database.write() as session:
            for first in range(0, count, BATCH):
                session.execute(insert(Contact.__table__), rows[first : first + BATCH])
        return time.perf_counter() - began
    finally:
        database.dispose()


def time_pages(
    server: BenchServer, token: str, pages: tuple[int, ...], repetitions: int
) -> dict[int, list[float]]:
    """Seconds per request for each page, the pages taken in turn on one keep-alive connection.
    One untimed request per page first."""
    path = f"/v1/{server.demo.organization_id}/contacts"
    timings: dict[int, list[float]] = {page: [] for page in pages}
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=120) as client:
        for round_number in range(repetitions + 1):
            for page in pages:
                params = {"queryFilter": QUERY_FILTER, "page": page, "pageSize": PAGE_SIZE}
                began = time.perf_counter()
                response = client.get(path, params=params)
                elapsed = time.perf_counter() - began
                if response.status_code != 200:
                    raise SystemExit(f"page {page}: HTTP {response.status_code} {response.text}")
                if round_number:
                    timings[page].append(elapsed)
    return timings


def page_summary(server: BenchServer, token: str, page: int) -> str:
    response = httpx.get(
        f"{server.base_url}/v1/{server.demo.organization_id}/contacts",
        params={"queryFilter": QUERY_FILTER, "page": page, "pageSize": PAGE_SIZE},
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    pagination = response.json()["Pagination"]
    return f"{pagination['Result']} of {pagination['ResultWithoutFilter']} matching"


def main(argv: list[str] | None = None) -> dict[int, float]:
    args = parse_arguments(argv)
    last_page = max(0, (args.contacts - 1) // PAGE_SIZE)
    pages = (0, last_page)
    with (
        fresh_database(args.postgresql) as database_url,
        BenchServer(env=UNLIMITED, database_url=database_url) as server,
    ):
        inserted = insert_contacts(server.database_url, server.demo.organization_id, args.contacts)
        token, _source = access_token(server)
        timings = time_pages(server, token, pages, args.repetitions)
        medians = {page: statistics.median(times) for page, times in timings.items()}
        database = "PostgreSQL" if database_url else "SQLite (WAL, synchronous=FULL)"
        print("bilag benchmark: paging a large contact list over HTTP")
        print(f"one `bilag serve` worker, {database}, demo seeded")
        print(f"{args.contacts} contacts inserted in one transaction in {inserted:.1f} s")
        print(
            f'queryFilter="{QUERY_FILTER}", pageSize={PAGE_SIZE}, {args.repetitions} timed '
            "requests per page after one untimed, pages alternating"
        )
        print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print()
        print(f"{'request':<24} {'median ms':>10} {'min ms':>8} {'max ms':>8}  page content")
        for page in pages:
            times = timings[page]
            print(
                f"{f'page={page}':<24} {medians[page] * 1e3:>10.1f} {min(times) * 1e3:>8.1f} "
                f"{max(times) * 1e3:>8.1f}  {page_summary(server, token, page)}"
            )
        ratio = medians[last_page] / medians[0] if medians[0] else 0.0
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(
            f"\npage {last_page} takes {ratio:.2f}x page 0: {verdict} the target of at most "
            f"{TARGET_RATIO:g}x."
        )
    return medians


if __name__ == "__main__":
    main()
