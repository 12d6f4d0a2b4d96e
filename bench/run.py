"""Measure bilag's hot paths against a bare JSON endpoint of the same server, in the same run.

    python bench/run.py [--seconds 10] [--connections 16] [--threads 2] [--tool auto|wrk|python]
    python bench/run.py invoices|vouchers|kassekladde|contacts_paging|entries_memory [options]

Starts `bilag serve` (one worker, SQLite in a temporary directory, demo seeded) and loads, one
after the other: (a) GET /healthz, the baseline; (b) GET /v1/organizations with a Bearer token;
(c) the token endpoint: the legacy API-key grant and the one-time refresh_token grant. Prints
requests per second, latency percentiles and each figure as a share of (a). With a benchmark's
name first, runs that benchmark of bench/ instead, with the options after the name.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import loadgen  # noqa: E402
from bench.loadgen import Figures, Target  # noqa: E402
from bench.server import BenchServer  # noqa: E402

FORM = "application/x-www-form-urlencoded"
AUTHENTICATED_TARGET_SHARE = 0.40  # the target for (b) against (a)
OTHER_BENCHMARKS = ("invoices", "vouchers", "kassekladde", "contacts_paging", "entries_memory")


@dataclass(frozen=True)
class Outcome:
    target: str
    figures: Figures | None
    problem: str | None = None


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before each run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--refresh-chains", type=int, default=4, help="parallel refresh chains")
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    return parser.parse_args(argv)


def choose_tool(wanted: str) -> str:
    if wanted == "auto":
        return "wrk" if loadgen.wrk_path() else "python"
    if wanted == "wrk" and not loadgen.wrk_path():
        raise SystemExit("wrk is not installed (apt-get install wrk), use --tool python")
    return wanted


def probe(server: BenchServer, target: Target) -> str | None:
    """None if one request to the target succeeds, else why it cannot be measured."""
    import httpx

    body = target.body_with(target.refresh_tokens[0] if target.refresh_tokens else None)
    response = httpx.request(
        target.method,
        f"{server.base_url}{target.path}",
        headers=target.headers,
        content=body or None,
    )
    if response.status_code == 404:
        return "not available (HTTP 404)"
    if not 200 <= response.status_code < 300:
        return f"fails (HTTP {response.status_code}: {response.text[:80]})"
    return None


def measure(
    server: BenchServer, tool: str, target: Target, args: argparse.Namespace, *, warm: bool = True
) -> Outcome:
    problem = probe(server, target)
    if problem is not None:
        return Outcome(target.label, None, problem)
    if target.refresh_tokens:
        # The probe used the first chain's token; the measured run gets the others.
        target = Target(**{**target.__dict__, "refresh_tokens": target.refresh_tokens[1:]})
    options = {"connections": args.connections, "threads": args.threads}
    if warm and args.warmup > 0:
        loadgen.run(tool, server.base_url, target, seconds=args.warmup, **options)
    figures = loadgen.run(tool, server.base_url, target, seconds=args.seconds, **options)
    return Outcome(target.label, figures)


def access_token(server: BenchServer) -> tuple[str, str]:
    """A Bearer token for (b) and where it came from."""
    status, replies = server.code_grant_tokens(1)
    if status == 200:
        return replies[0]["access_token"], "authorization code exchanged at /connect/token"
    status, token = server.legacy_token()
    if token is not None:
        return token, "legacy grant at /dineroapi/oauth/token"
    return server.minted_token(), f"minted in-process (token endpoints answer HTTP {status})"


def refresh_target(server: BenchServer, chains: int) -> Target | str:
    status, replies = server.code_grant_tokens(chains + 1)
    if status != 200:
        return f"not available (HTTP {status} from the authorization_code grant)"
    tokens = tuple(reply.get("refresh_token", "") for reply in replies)
    if not all(tokens):
        return "not available (the code grant returned no refresh token)"
    return Target(
        "POST /connect/token (refresh_token, one-time)",
        "POST",
        "/connect/token",
        {"Authorization": server.demo.basic, "Content-Type": FORM},
        "grant_type=refresh_token",
        refresh_tokens=tokens,
    )


def report(outcomes: list[Outcome], header: list[str]) -> None:
    for line in header:
        print(line)
    print()
    baseline = outcomes[0].figures
    columns = f"{'endpoint':<46} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}"
    print(f"{columns} {'non-2xx':>8} {'errors':>7} {'vs (a)':>7}")
    for outcome in outcomes:
        figures = outcome.figures
        if figures is None:
            print(f"{outcome.target:<46} {outcome.problem}")
            continue
        share = figures.per_second / baseline.per_second if baseline and baseline.per_second else 0
        print(
            f"{outcome.target:<46} {figures.per_second:>9.0f} {figures.p50_ms:>8.2f} "
            f"{figures.p90_ms:>8.2f} {figures.p99_ms:>8.2f} {figures.non_2xx:>8} "
            f"{figures.errors:>7} {share:>7.0%}"
        )
    authenticated = outcomes[1].figures
    if baseline and authenticated and baseline.per_second:
        share = authenticated.per_second / baseline.per_second
        verdict = "meets" if share >= AUTHENTICATED_TARGET_SHARE else "MISSES"
        print(
            f"\n(b) reaches {share:.0%} of (a)'s throughput: {verdict} the target of "
            f"{AUTHENTICATED_TARGET_SHARE:.0%}."
        )


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in OTHER_BENCHMARKS:
        # Imported here: those modules import this one (for `access_token`).
        importlib.import_module(f"bench.{argv[0]}").main(argv[1:])
        return
    args = parse_arguments(argv)
    tool = choose_tool(args.tool)
    with BenchServer(workers=1) as server:
        token, token_source = access_token(server)
        legacy_body = (
            f"grant_type=password&username={server.demo.api_key}"
            f"&password={server.demo.api_key}&scope=read+write"
        )
        targets: list[Target | str] = [
            Target("(a) GET /healthz", "GET", "/healthz"),
            Target(
                "(b) GET /v1/organizations (Bearer)",
                "GET",
                "/v1/organizations",
                {"Authorization": f"Bearer {token}"},
            ),
            Target(
                "(c) POST /dineroapi/oauth/token (legacy)",
                "POST",
                "/dineroapi/oauth/token",
                {"Authorization": server.demo.basic, "Content-Type": FORM},
                legacy_body,
            ),
        ]
        outcomes = [measure(server, tool, target, args) for target in targets]  # type: ignore[arg-type]
        refresh = refresh_target(server, args.refresh_chains)
        label = "(c) POST /connect/token (refresh, one-time)"
        if isinstance(refresh, str):
            outcomes.append(Outcome(label, None, refresh))
        else:
            refresh = Target(**{**refresh.__dict__, "label": label})
            outcomes.append(measure(server, tool, refresh, args, warm=False))
        header = [
            "bilag benchmark: one `bilag serve` worker (uvloop, httptools), SQLite in a temp dir,"
            " demo seeded",
            f"load generator: {loadgen.describe(tool, args.connections, args.threads)}",
            f"{args.seconds:g} s per endpoint after {args.warmup:g} s warm-up; refresh: "
            f"{args.refresh_chains} parallel chains of one-time tokens, no warm-up",
            f"Bearer token for (b): {token_source}",
            f"machine: {platform.machine()}, {os.cpu_count()} CPUs (shared by server and load"
            f" generator), Python {platform.python_version()}",
        ]
        report(outcomes, header)


if __name__ == "__main__":
    main()
