"""A 1000-line kassekladde batch end to end, against inserting its postings in one transaction.

    python bench/kassekladde.py [--lines 1000] [--repetitions 3] [--redis URL|none]
                                [--postgresql URL]

Starts `bilag serve` with `BILAG_BENCH_ENDPOINTS=1`. Each repetition times, one after the other:
(a) the baseline, `POST /bench/{org}/ledger-postings` with the batch, which inserts its journal
entries (two a line) in one transaction; and (b) the API: `POST /v1.2/{org}/ledgeritems` with the
batch (Ids chosen by the client), `POST .../ledgeritems/status` for the Versions,
`POST .../ledgeritems/book`, then `POST .../ledgeritems/status` for the first item every 20 ms
until it is Booked (a batch is booked in one transaction) and once more for all. Prints the
medians and (b) as a multiple of (a). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from bench.flows import checked  # noqa: E402
from bench.run import access_token  # noqa: E402
from bench.server import BenchServer  # noqa: E402
from bench.vouchers import counters_url, server_env  # noqa: E402

TARGET_MULTIPLE = 20.0  # the target: the API at most 20x the raw insert's time
POLL_SECONDS = 0.02
BOOKING_TIMEOUT = 300.0


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000, help="one ledger item a line")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--redis", default="auto", help="as for bench/vouchers.py")
    parser.add_argument("--postgresql", metavar="URL", help="a new database on this server")
    return parser.parse_args(argv)


def batch(lines: int) -> list[dict[str, Any]]:
    """Rent paid from the bank, no VAT, one ledger item a line, each with a new Id."""
    today = date.today().isoformat()
    return [
        {
            "Id": str(uuid.uuid4()),
            "VoucherDate": today,
            "Lines": [
                {
                    "Description": f"Husleje {n}",
                    "AccountNumber": 5000,
                    "BalancingAccountNumber": 55000,
                    "Amount": 100 + n % 900 + 0.25,
                },
            ],
        }  # fmt: skip
        for n in range(lines)
    ]


def time_baseline(client: httpx.Client, organization_id: int, items: list[Any]) -> float:
    began = time.perf_counter()
    checked(client.post(f"/bench/{organization_id}/ledger-postings", json=items))
    return time.perf_counter() - began


def time_api(client: httpx.Client, organization_id: int, items: list[Any]) -> dict[str, float]:
    """Seconds of each phase of adding and booking the batch, and in all."""
    base = f"/v1/{organization_id}/ledgeritems"
    ids = [{"Id": item["Id"]} for item in items]
    began = time.perf_counter()
    checked(client.post(f"/v1.2/{organization_id}/ledgeritems", json=items))
    added = time.perf_counter()
    versions = checked(client.post(f"{base}/status", json=ids)).json()
    book = [{"Id": item["Id"], "Version": item["Version"]} for item in versions]
    checked(client.post(f"{base}/book", json=book))
    sent = time.perf_counter()
    while True:  # a batch is booked in one transaction: its first item tells for all
        first = checked(client.post(f"{base}/status", json=ids[:1])).json()[0]
        if first["Status"] == "Booked":
            break
        if time.perf_counter() - sent > BOOKING_TIMEOUT:
            raise SystemExit(f"the batch was not booked within {BOOKING_TIMEOUT:g} s")
        time.sleep(POLL_SECONDS)
    statuses = checked(client.post(f"{base}/status", json=ids)).json()
    done = time.perf_counter()
    if not all(item["Status"] == "Booked" for item in statuses):
        raise SystemExit("the first item of the batch was booked, but not all of them")
    return {"add": added - began, "book": done - added, "total": done - began}


def probe(client: httpx.Client, organization_id: int) -> str | None:
    response = client.post(f"/v1/{organization_id}/ledgeritems/status", json=[])
    if response.status_code == 404:
        return "not available (HTTP 404)"
    if response.status_code != 200:
        return f"fails (HTTP {response.status_code}: {response.text[:80]})"
    return None


def main(argv: list[str] | None = None) -> dict[str, float]:
    args = parse_arguments(argv)
    redis_url = counters_url(args.redis)
    with (
        fresh_database(args.postgresql) as database_url,
        BenchServer(env=server_env(redis_url), database_url=database_url) as server,
    ):
        token, _source = access_token(server)
        organization = server.demo.organization_id
        headers = {"Authorization": f"Bearer {token}"}
        raw: list[float] = []
        api: list[dict[str, float]] = []
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=300) as client:
            problem = probe(client, organization)
            for _ in range(args.repetitions):
                raw.append(time_baseline(client, organization, batch(args.lines)))
                if problem is None:
                    api.append(time_api(client, organization, batch(args.lines)))
        database = "PostgreSQL" if database_url else "SQLite (WAL, synchronous=FULL)"
        print(f"bilag benchmark: a {args.lines}-line kassekladde batch, end to end")
        print(f"one `bilag serve` worker, {database}, demo seeded, BILAG_BENCH_ENDPOINTS=1")
        print(
            f"{args.repetitions} repetitions, one HTTP client, each: (a) then (b); one ledger "
            f"item a line; the first item's status polled every {POLL_SECONDS * 1000:g} ms"
        )
        machine = f"{platform.machine()}, {os.cpu_count()} CPUs"
        print(f"machine: {machine}, Python {platform.python_version()}")
        print(f"rate-limit counters: {redis_url or 'in the database'}")
        print()
        medians = {"raw": statistics.median(raw)}
        print(f"{'step':<62} {'median ms':>10} {'min ms':>9} {'max ms':>9}")
        rows = [("(a) bare insert of the postings: POST /bench/{org}/ledger-postings", raw)]
        if problem is None:
            for phase, label in [
                ("add", "(b) add: POST /v1.2/{org}/ledgeritems"),
                ("book", "(b) book: status, book, poll until Booked, status"),
                ("total", "(b) in all"),
            ]:
                rows.append((label, [run[phase] for run in api]))
                medians[phase] = statistics.median(run[phase] for run in api)
        for label, times in rows:
            print(
                f"{label:<62} {statistics.median(times) * 1e3:>10.0f} {min(times) * 1e3:>9.0f} "
                f"{max(times) * 1e3:>9.0f}"
            )
        if problem is not None:
            print(f"{'(b) ledger items':<62} {problem}")
        else:
            multiple = medians["total"] / medians["raw"]
            verdict = "meets" if multiple <= TARGET_MULTIPLE else "MISSES"
            print(
                f"\n(b) takes {multiple:.1f}x (a)'s time: {verdict} the target of at most "
                f"{TARGET_MULTIPLE:g}x."
            )
    return medians


if __name__ == "__main__":
    main()
