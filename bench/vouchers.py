"""Sustained purchase vouchers per second: create and book over the API, against a bare insert.

    python bench/vouchers.py [--seconds 10] [--rounds 2] [--connections 4]
                             [--redis URL|none] [--postgresql URL]

Starts `bilag serve` with `BILAG_BENCH_ENDPOINTS=1` and loads, in alternating rounds:
(a) the baseline, `POST /bench/{org}/purchase-voucher`, which writes a booked two-line cash
purchase's rows (voucher, lines, journal entries) in one transaction; and (b) the API flow,
`POST /v1.2/{org}/vouchers/purchase` then `POST /v1/{org}/vouchers/purchase/{guid}/book`.
Prints vouchers per second, latency per voucher and (b) as a share of (a). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from bench.flows import Unit, checked, run_flow  # noqa: E402
from bench.loadgen import Figures  # noqa: E402
from bench.run import access_token  # noqa: E402
from bench.server import BenchServer  # noqa: E402

TARGET_SHARE = 0.40  # the target: the API flow at least 40% of the bare insert's rate
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
VOUCHER = {
    "PurchaseType": "cash",
    "VoucherDate": date.today().isoformat(),
    "DepositAccountNumber": 55000,
    "RegionKey": "DK",
    "Lines": [
        {"Description": "Varekøb", "AccountNumber": 2000, "VatCode": "I25", "Amount": 1250.00},
        {"Description": "Fremmed arbejde", "AccountNumber": 2400, "VatCode": "I25", "Amount": 500},
    ],
}


def argument_parser(description: str) -> argparse.ArgumentParser:
    """The options of a sustained flow against the bare insert (also for bench/invoices.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=float, default=10.0, help="per target and round")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (a), (b)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before each target")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--redis",
        default="auto",
        help=f"rate-limit counters in Redis: a URL, `none`, or `auto` ({DEFAULT_REDIS} if it "
        "answers)",
    )
    parser.add_argument("--postgresql", metavar="URL", help="a new database on this server")
    return parser


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    return argument_parser(__doc__.split("\n\n")[0]).parse_args(argv)


def counters_url(choice: str) -> str | None:
    """Where the rate-limit windows go. In the database, every request rewrites a log of each hit
    of the last minute, which at hundreds of requests a second costs more than the work measured."""
    if choice == "none":
        return None
    url = DEFAULT_REDIS if choice == "auto" else choice
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means: no Redis here
        if choice == "auto":
            return None
        raise SystemExit(f"Redis at {url} does not answer") from None
    return url


def server_env(redis_url: str | None) -> dict[str, str]:
    env = {"BILAG_BENCH_ENDPOINTS": "1", "BILAG_RATE_LIMIT_PER_MINUTE": "1000000000"}
    if redis_url:
        env["BILAG_REDIS_URL"] = redis_url
    return env


def bare_unit(organization_id: int) -> Unit:
    def unit(client: httpx.Client) -> None:
        checked(client.post(f"/bench/{organization_id}/purchase-voucher", json=VOUCHER))

    return unit


def api_unit(organization_id: int) -> Unit:
    def unit(client: httpx.Client) -> None:
        draft = checked(client.post(f"/v1.2/{organization_id}/vouchers/purchase", json=VOUCHER))
        guid, timestamp = draft.json()["Guid"], draft.json()["Timestamp"]
        url = f"/v1/{organization_id}/vouchers/purchase/{guid}/book"
        checked(client.post(url, json={"Timestamp": timestamp}))

    return unit


def probe(server: BenchServer, headers: dict[str, str], unit: Unit) -> str | None:
    """None if one unit succeeds, else why it cannot be measured."""
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client:
        try:
            unit(client)
        except Exception as problem:  # noqa: BLE001 - reported, and the rest still runs
            response = getattr(problem, "response", None)
            if response is not None and response.status_code == 404:
                return "not available (HTTP 404)"
            return f"fails ({str(problem)[:100]})"
    return None


def entries_per_voucher(database_url: str, kind: str, bare: bool) -> float:
    """Journal entries per booked voucher of (a) or (b), to show that both write the same rows.
    (a) records no user as the booker; (b) books with the demo user's token."""
    from sqlalchemy import func, select

    from bilag.storage.db import Database
    from bilag.storage.models import JournalEntry, Voucher

    by = Voucher.booked_by_user.is_(None) if bare else Voucher.booked_by_user.is_not(None)
    booked = (Voucher.kind == kind, Voucher.status == "booked", by)
    database = Database(database_url)
    try:
        with database.read() as session:
            vouchers = session.scalar(select(func.count()).select_from(Voucher).where(*booked))
            entries = session.scalar(
                select(func.count())
                .select_from(JournalEntry)
                .join(Voucher, Voucher.guid == JournalEntry.voucher_guid)
                .where(*booked)
            )
            return (entries or 0) / vouchers if vouchers else 0.0
    finally:
        database.dispose()


def merged(runs: list[Figures]) -> Figures:
    """The rounds of one target as one figure: total units over total time; the worst latencies."""
    return Figures(
        requests=sum(f.requests for f in runs),
        seconds=sum(f.seconds for f in runs),
        non_2xx=sum(f.non_2xx for f in runs),
        errors=sum(f.errors for f in runs),
        p50_ms=max(f.p50_ms for f in runs),
        p90_ms=max(f.p90_ms for f in runs),
        p99_ms=max(f.p99_ms for f in runs),
    )


def measure(
    server: BenchServer, headers: dict[str, str], units: dict[str, Unit], args: argparse.Namespace
) -> tuple[dict[str, Figures], dict[str, str]]:
    problems = {label: p for label, unit in units.items() if (p := probe(server, headers, unit))}
    runnable = {label: unit for label, unit in units.items() if label not in problems}
    options = {"connections": args.connections}
    runs: dict[str, list[Figures]] = {label: [] for label in runnable}
    for _round in range(args.rounds):
        for label, unit in runnable.items():
            if args.warmup > 0:
                run_flow(server.base_url, headers, unit, seconds=args.warmup, **options)
            runs[label].append(
                run_flow(server.base_url, headers, unit, seconds=args.seconds, **options)
            )
    return {label: merged(figures) for label, figures in runs.items()}, problems


def report(
    header: list[str], figures: dict[str, Figures], problems: dict[str, str], unit_name: str
) -> None:
    for line in header:
        print(line)
    print()
    labels = list(figures) + list(problems)
    baseline = figures.get(min(labels))
    print(
        f"{'flow':<58} {unit_name + '/s':>11} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
        f"{'refused':>8} {'errors':>7} {'vs (a)':>7}"
    )
    for label in sorted(labels):
        if label in problems:
            print(f"{label:<58} {problems[label]}")
            continue
        f = figures[label]
        share = f.per_second / baseline.per_second if baseline and baseline.per_second else 0.0
        print(
            f"{label:<58} {f.per_second:>11.1f} {f.p50_ms:>8.1f} {f.p90_ms:>8.1f} "
            f"{f.p99_ms:>8.1f} {f.non_2xx:>8} {f.errors:>7} {share:>7.0%}"
        )


def header_lines(
    title: str,
    args: argparse.Namespace,
    database_url: str | None,
    redis_url: str | None,
    token_source: str,
) -> list[str]:
    database = "PostgreSQL" if database_url else "SQLite (WAL, synchronous=FULL)"
    return [
        title,
        f"one `bilag serve` worker, {database}, demo seeded, BILAG_BENCH_ENDPOINTS=1",
        f"load: {args.connections} Python threads, one keep-alive httpx connection each; "
        f"{args.rounds} alternating rounds of {args.seconds:g} s per flow after "
        f"{args.warmup:g} s warm-up",
        f"rate-limit counters: {redis_url or 'in the database (see bench/README.md)'}; "
        f"Bearer token: {token_source}",
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs (shared by server and load "
        f"generator), Python {platform.python_version()}",
    ]


def print_share(figures: dict[str, Figures], bare: str, api: str, target: float) -> None:
    if bare in figures and api in figures:
        share = figures[api].per_second / max(figures[bare].per_second, 1e-9)
        verdict = "meets" if share >= target else "MISSES"
        print(f"(b) reaches {share:.0%} of (a)'s rate: {verdict} the target of {target:.0%}.")


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
        units = {
            "(a) bare insert: POST /bench/{org}/purchase-voucher": bare_unit(organization),
            "(b) API: POST /v1.2/.../vouchers/purchase + .../{guid}/book": api_unit(organization),
        }
        figures, problems = measure(server, headers, units, args)
        title = "bilag benchmark: booked two-line cash purchase vouchers, sustained"
        header = header_lines(title, args, database_url, redis_url, token_source)
        report(header, figures, problems, "vouchers")
        bare, api = units
        per_voucher = ", ".join(
            f"{label[:3]} {entries_per_voucher(server.database_url, 'purchase', label == bare):g}"
            for label in figures
        )
        print(f"\nJournal entries per booked voucher: {per_voucher}.")
        print_share(figures, bare, api, TARGET_SHARE)
    return figures


if __name__ == "__main__":
    main()
