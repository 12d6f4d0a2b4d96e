"""Two load generators with one result type: wrk (with a generated Lua script) when it is
installed, else Python threads that each keep one httpx connection alive."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx


@dataclass(frozen=True)
class Target:
    """One endpoint to load. With `refresh_tokens`, each connection follows its own chain of
    one-time refresh tokens: every response's new refresh token goes into its next request."""

    label: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    refresh_tokens: tuple[str, ...] = ()

    def body_with(self, refresh_token: str | None) -> str:
        if refresh_token is None:
            return self.body
        return f"{self.body}&refresh_token={refresh_token}"


@dataclass(frozen=True)
class Figures:
    requests: int
    seconds: float
    non_2xx: int
    errors: int  # connection errors and timeouts
    p50_ms: float
    p90_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str | None:
    return shutil.which("wrk")


def describe(tool: str, connections: int, threads: int) -> str:
    if tool == "wrk":
        version = subprocess.run([wrk_path() or "wrk", "-v"], capture_output=True, text=True)
        name = (version.stdout or version.stderr).split(" [")[0].strip() or "wrk"
        return f"{name} ({threads} threads, {connections} keep-alive connections)"
    return f"Python threads + httpx ({connections} threads, one keep-alive connection each)"


def run(
    tool: str, base_url: str, target: Target, *, seconds: float, connections: int, threads: int
) -> Figures:
    if tool == "wrk":
        return run_wrk(base_url, target, seconds=seconds, connections=connections, threads=threads)
    return run_python(base_url, target, seconds=seconds, connections=connections)


# -- wrk ------------------------------------------------------------------------------------


def _lua_string(text: str) -> str:
    return json.dumps(text)  # ASCII only here, and JSON's escapes are Lua's


def lua_script(target: Target) -> str:
    lines = [f"wrk.method = {_lua_string(target.method)}", f"wrk.body = {_lua_string(target.body)}"]
    for name, value in target.headers.items():
        lines.append(f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}")
    if target.refresh_tokens:
        tokens = ", ".join(_lua_string(token) for token in target.refresh_tokens)
        lines += [
            f"local tokens = {{{tokens}}}",
            "local handed_out = 0",
            "function setup(thread)",
            "  handed_out = handed_out + 1",
            '  thread:set("token", tokens[handed_out])',
            "end",
            "function request()",
            '  return wrk.format(nil, nil, nil, wrk.body .. "&refresh_token=" .. token)',
            "end",
            "function response(status, headers, body)",
            "  if status == 200 then",
            '    local fresh = body:match(\'"refresh_token"%s*:%s*"([^"]+)"\')',
            "    if fresh then token = fresh end",
            "  end",
            "end",
        ]
    lines += [
        "function done(summary, latency, requests)",
        "  local e = summary.errors",
        '  io.write(string.format("BENCH %d %d %d %d %d %d %d %d\\n",',
        "    summary.requests, summary.duration, e.status,",
        "    e.connect + e.read + e.write + e.timeout,",
        "    latency:percentile(50), latency:percentile(90), latency:percentile(99), 0))",
        "end",
    ]
    return "\n".join(lines) + "\n"


def run_wrk(
    base_url: str, target: Target, *, seconds: float, connections: int, threads: int
) -> Figures:
    if target.refresh_tokens:
        # One connection per thread, so that each chain of refresh tokens is strictly sequential.
        threads = connections = len(target.refresh_tokens)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(target))
    try:
        completed = subprocess.run(
            [
                wrk_path() or "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                f"{base_url}{target.path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(script.name).unlink()
    line = next(row for row in completed.stdout.splitlines() if row.startswith("BENCH "))
    requests, micros, status_errors, errors, p50, p90, p99, _ = (int(x) for x in line.split()[1:])
    return Figures(requests, micros / 1e6, status_errors, errors, p50 / 1e3, p90 / 1e3, p99 / 1e3)


# -- Python ---------------------------------------------------------------------------------


def run_python(base_url: str, target: Target, *, seconds: float, connections: int) -> Figures:
    chains = list(target.refresh_tokens)
    workers = len(chains) if chains else connections
    latencies: list[list[float]] = [[] for _ in range(workers)]
    failures = [[0, 0] for _ in range(workers)]  # non-2xx, errors
    start = threading.Barrier(workers + 1)
    deadline: list[float] = [0.0]

    def work(index: int) -> None:
        token = chains[index] if chains else None
        with httpx.Client(base_url=base_url, timeout=10) as client:
            start.wait()
            while time.perf_counter() < deadline[0]:
                began = time.perf_counter()
                try:
                    response = client.request(
                        target.method,
                        target.path,
                        headers=target.headers,
                        content=target.body_with(token) if target.body or token else None,
                    )
                except httpx.HTTPError:
                    failures[index][1] += 1
                    continue
                latencies[index].append(time.perf_counter() - began)
                if not 200 <= response.status_code < 300:
                    failures[index][0] += 1
                elif token is not None:
                    token = response.json().get("refresh_token", token)

    pool = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(workers)]
    for thread in pool:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(latency for per_thread in latencies for latency in per_thread)
    cuts = statistics.quantiles(every, n=100) if len(every) > 1 else [0.0] * 99
    return Figures(
        requests=len(every),
        seconds=elapsed,
        non_2xx=sum(f[0] for f in failures),
        errors=sum(f[1] for f in failures),
        p50_ms=cuts[49] * 1e3,
        p90_ms=cuts[89] * 1e3,
        p99_ms=cuts[98] * 1e3,
    )
