"""Sustained load of a flow: a unit of work that may take several requests (create, then book).

`run_flow` keeps `connections` Python threads busy for `seconds`, each with its own keep-alive
httpx client, each repeating the unit. Units that get a non-2xx answer are counted, not retried.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable

import httpx

from bench.loadgen import Figures

Unit = Callable[[httpx.Client], None]


class Refused(Exception):
    """A request of the unit got a non-2xx answer."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(
            f"HTTP {response.status_code} from {response.request.url}: {response.text}"
        )
        self.response = response


def checked(response: httpx.Response) -> httpx.Response:
    if not 200 <= response.status_code < 300:
        raise Refused(response)
    return response


def run_flow(
    base_url: str, headers: dict[str, str], unit: Unit, *, seconds: float, connections: int
) -> Figures:
    latencies: list[list[float]] = [[] for _ in range(connections)]
    failures = [[0, 0] for _ in range(connections)]  # refused units, transport errors
    start = threading.Barrier(connections + 1)
    deadline = [0.0]

    def work(index: int) -> None:
        with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
            start.wait()
            while time.perf_counter() < deadline[0]:
                began = time.perf_counter()
                try:
                    unit(client)
                except Refused:
                    failures[index][0] += 1
                    continue
                except httpx.HTTPError:
                    failures[index][1] += 1
                    continue
                latencies[index].append(time.perf_counter() - began)

    pool = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(connections)]
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
