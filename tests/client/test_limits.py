"""Rate limits: the client-side limiter, waiting out a 429, and the counters."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bilag.client import (
    Client,
    FileRateLimiter,
    FileTokenStore,
    MemoryRateLimiter,
    RateLimitedError,
)
from bilag.client._limits import DEFAULT_LIMIT, retry_after_seconds
from tests.client.fake_dinero import FakeClock, FakeDinero

CONTACTS = "/v1/5/contacts/6c4b0c4e-8a3e-4f43-9a43-1b2f0e3c9d10"
CONTACT = {"ContactGuid": "6c4b0c4e-8a3e-4f43-9a43-1b2f0e3c9d10", "Name": "Kunde A/S"}
QUOTA = "API calls quota exceeded! maximum admitted 100 per 1m."


def make_client(dinero: FakeDinero, clock: FakeClock, **options: object) -> Client:
    credentials = dinero.credentials(tokens=dinero.issue(expires_at=clock.now + 3600), clock=clock)
    return Client(
        credentials,
        transport=dinero.transport(),
        sleep=clock.sleep,
        clock=clock,
        **options,  # type: ignore[arg-type]
    )


def answers(*responses: httpx.Response):  # type: ignore[no-untyped-def]
    queue = list(responses)
    return lambda _request: queue.pop(0)


def test_a_429_is_waited_out_and_retried() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", CONTACTS)] = answers(
        httpx.Response(429, text=QUOTA, headers={"Retry-After": "7"}),
        httpx.Response(429, text=QUOTA, headers={"Retry-After": "3"}),
        httpx.Response(200, json=CONTACT),
    )
    client = make_client(dinero, clock)
    assert client.books(5).contacts.get(CONTACT["ContactGuid"]).name == "Kunde A/S"
    assert clock.slept == [7.0, 3.0]
    counters = client.counters
    assert (counters.calls, counters.rate_limited_waits, counters.waits) == (3, 2, 2)
    assert counters.errors_by_status == {429: 2} and counters.client_errors == 2


def test_retries_are_bounded() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    limited = [httpx.Response(429, text=QUOTA, headers={"Retry-After": "60"}) for _ in range(3)]
    dinero.routes[("GET", CONTACTS)] = answers(*limited)
    client = make_client(dinero, clock, rate_limit_retries=2)
    with pytest.raises(RateLimitedError, match="quota exceeded") as raised:
        client.books(5).contacts.get(CONTACT["ContactGuid"])
    assert raised.value.retry_after == 60.0 and raised.value.status == 429
    assert clock.slept == [60.0, 60.0] and client.counters.calls == 3


def test_the_limiter_keeps_an_organization_under_its_quota() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", CONTACTS)] = lambda _r: httpx.Response(200, json=CONTACT)
    limiter = MemoryRateLimiter(limit=3, clock=clock)
    client = make_client(dinero, clock, rate_limiter=limiter)
    for _ in range(7):
        client.books(5).contacts.get(CONTACT["ContactGuid"])
    assert clock.slept == [60.0, 60.0]  # calls 4 and 7 waited for the window to move
    assert client.counters.limiter_waits == 2 and client.counters.calls == 7


def test_organizations_have_separate_windows() -> None:
    clock = FakeClock()
    limiter = MemoryRateLimiter(limit=1, clock=clock)
    assert limiter.reserve("app-1") == 0 and limiter.reserve("app-2") == 0
    assert limiter.reserve("app-1") == 60.0
    clock.now += 60.0
    assert limiter.reserve("app-1") == 0


def test_a_file_limiter_is_one_window_for_everyone_using_the_directory(tmp_path: Path) -> None:
    clock = FakeClock()
    first = FileRateLimiter(tmp_path, limit=2, clock=clock)
    second = FileRateLimiter(tmp_path, limit=2, clock=clock)
    assert first.reserve("isv_x-5") == 0
    clock.now += 10
    assert second.reserve("isv_x-5") == 0
    assert first.reserve("isv_x-5") == 50.0  # the first hit leaves the window in 50 s
    clock.now += 50
    assert second.reserve("isv_x-5") == 0


def test_retry_after_as_seconds_or_a_date() -> None:
    assert retry_after_seconds("12", 0.0) == 12.0
    assert retry_after_seconds("Thu, 01 Jan 1970 00:01:00 GMT", 30.0) == 30.0
    assert retry_after_seconds(None, 0.0) == 60.0 and retry_after_seconds("soon", 0.0) == 60.0


def test_clients_sharing_a_token_file_share_its_rate_limit(tmp_path: Path) -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", CONTACTS)] = lambda _r: httpx.Response(200, json=CONTACT)
    store = FileTokenStore(tmp_path / "tokens.json")
    store.save(dinero.issue(expires_at=clock.now + 3600))
    clients = [
        Client(dinero.credentials(store=store, clock=clock), transport=dinero.transport(),
               sleep=clock.sleep)
        for _ in range(2)
    ]  # fmt: skip
    assert isinstance(clients[0].rate_limiter, FileRateLimiter)
    for _ in range(DEFAULT_LIMIT):
        for client in clients:
            client.books(5).contacts.get(CONTACT["ContactGuid"])
    # 2 x 95 calls within one minute: with a window each, nobody would have waited
    assert sum(client.counters.limiter_waits for client in clients) == 1
    assert clock.slept == [60.0]
