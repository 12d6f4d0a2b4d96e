"""Peak memory of `GET /v1/{org}/entries` for a whole year, against a small year and an idle server.

    python bench/entries_memory.py [--postings 1000000] [--baseline 10000]

For each of three sizes (0 postings: the idle server; `--baseline`; `--postings`), a fresh
`bilag serve` worker (SQLite in a temporary directory, demo seeded) gets that many postings in
the current year of the demo's Pro organization, inserted with raw SQL before it starts. One
client reads the year's entries over real HTTP, streamed and discarded, and the server's peak
resident memory (VmHWM in /proc/<pid>/status) is printed for each size, with the ratios. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.server import BenchServer  # noqa: E402

MARKER = b'"EntryGuid"'  # once per entry in the body
INSERT = (
    "INSERT INTO journal_entries (organization_id, account_number, amount_ore, vat_code,"
    " description, voucher_guid, voucher_number, voucher_type, file_guid, contact_guid,"
    " entry_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class Measurement:
    postings: int
    entries_read: int
    body_bytes: int
    seconds: float
    peak_rss_kib: int


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=1_000_000, help="the large year")
    parser.add_argument("--baseline", type=int, default=10_000, help="the small year")
    return parser.parse_args(argv)


def pro_organization(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT id FROM organizations WHERE is_pro ORDER BY id").fetchone()
    return int(row[0])


def insert_postings(database: Path, organization_id: int, count: int, year: int) -> None:
    """`count` postings in balanced pairs (bank against sales), spread over the year."""
    first = date(year, 1, 1)
    recorded = datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
    connection = sqlite3.connect(database)
    try:
        chunk: list[tuple[object, ...]] = []
        for index in range(count):
            number = index // 2 + 1
            day = (first + timedelta(days=number % 365)).isoformat()
            amount = 10_000 + number % 9_000
            account, signed = (55000, amount) if index % 2 == 0 else (1000, -amount)
            guid = str(uuid.UUID(int=number))
            chunk.append(
                (organization_id, account, signed, None, f"Bilag {number}", guid, number,
                 "manual", None, None, day, recorded)
            )  # fmt: skip
            if len(chunk) == 50_000:
                connection.executemany(INSERT, chunk)
                chunk.clear()
        if chunk:
            connection.executemany(INSERT, chunk)
        connection.commit()
    finally:
        connection.close()


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("VmHWM not found; this benchmark needs Linux's /proc")


def read_year(server: BenchServer, organization_id: int, token: str, year: int) -> tuple[int, int]:
    """(entries, bytes) of the year's entries, read as a stream and thrown away."""
    url = f"{server.base_url}/v1/{organization_id}/entries"
    params = {"fromDate": f"{year}-01-01", "toDate": f"{year}-12-31", "includePrimo": "true"}
    entries = size = 0
    tail = b""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.stream("GET", url, params=params, headers=headers, timeout=600) as response:
        if response.status_code != 200:
            raise SystemExit(f"entries answered HTTP {response.status_code}: {response.read()!r}")
        for chunk in response.iter_bytes():
            size += len(chunk)
            window = tail + chunk
            entries += window.count(MARKER)
            tail = window[-(len(MARKER) - 1) :]
    return entries, size


def measure(postings: int) -> Measurement:
    from bench.run import access_token

    year = date.today().year
    server = BenchServer(workers=1)
    database = server.directory / "bilag.db"
    organization_id = pro_organization(database)
    insert_postings(database, organization_id, postings, year)
    with server:
        token, _source = access_token(server)
        assert server.process is not None
        started = time.perf_counter()
        entries, size = read_year(server, organization_id, token, year)
        seconds = time.perf_counter() - started
        return Measurement(postings, entries, size, seconds, peak_rss_kib(server.process.pid))


def report(measurements: list[Measurement]) -> None:
    idle = measurements[0].peak_rss_kib
    print(f"{'postings':>10} {'entries read':>13} {'body MB':>9} {'seconds':>8} "
          f"{'peak RSS MB':>12} {'vs idle':>8}")  # fmt: skip
    for m in measurements:
        print(
            f"{m.postings:>10} {m.entries_read:>13} {m.body_bytes / 2**20:>9.1f} "
            f"{m.seconds:>8.1f} {m.peak_rss_kib / 1024:>12.1f} {m.peak_rss_kib / idle:>8.2f}"
        )
    small, large = measurements[1], measurements[2]
    print(
        f"\npeak RSS, {large.postings} postings vs {small.postings}: "
        f"{large.peak_rss_kib / small.peak_rss_kib:.2f}x; above the idle server: "
        f"{(large.peak_rss_kib - idle) / 1024:.1f} MB vs "
        f"{(small.peak_rss_kib - idle) / 1024:.1f} MB"
    )


def main(argv: list[str] | None = None) -> list[Measurement]:
    args = parse_arguments(argv)
    print(
        "bilag benchmark: peak RSS of one `bilag serve` worker (SQLite) serving a year of entries"
    )
    measurements = [measure(size) for size in (0, args.baseline, args.postings)]
    report(measurements)
    return measurements


if __name__ == "__main__":
    main()
