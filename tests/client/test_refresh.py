"""Refreshing without ever presenting a consumed refresh token (the FAQ on replay detection)."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    AuthorizationRevoked,
    Client,
    FileTokenStore,
    MemoryTokenStore,
    NotAuthorizedError,
    Organization,
    TokenSet,
)
from tests.client.fake_dinero import FakeClock, FakeDinero, json_route

ORGS = [{"id": 1, "name": "Eksempel ApS", "isPro": True}]


def client_for(dinero: FakeDinero, clock: FakeClock, **options: object) -> Client:
    credentials = dinero.credentials(clock=clock, **options)
    return Client(credentials, transport=dinero.transport(), sleep=clock.sleep, clock=clock)


def test_threads_refresh_once_and_all_use_the_new_token() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", "/v1/organizations")] = json_route(ORGS)
    client = client_for(dinero, clock)
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def call() -> None:
        start.wait()
        try:
            assert client.organizations()[0].is_pro
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert dinero.refreshes == 1 and dinero.replays == 0
    assert set(dinero.presented) == {"access-1"} and client.counters.calls == 8


def test_the_new_pair_is_stored_before_it_is_used(tmp_path) -> None:  # type: ignore[no-untyped-def]
    dinero, clock = FakeDinero(), FakeClock()
    store = FileTokenStore(tmp_path / "tokens.json")
    store.save(dinero.issue())

    def organizations(request: httpx.Request) -> httpx.Response:
        stored = store.load()
        assert stored is not None
        assert request.headers["authorization"] == f"Bearer {stored.access_token}"
        assert stored.refresh_started_at is None
        return httpx.Response(200, json=ORGS)

    dinero.routes[("GET", "/v1/organizations")] = organizations
    client_for(dinero, clock, store=store).organizations()
    assert dinero.refreshes == 1


def test_after_a_lost_answer_the_same_refresh_token_is_retried() -> None:
    dinero, clock = FakeDinero(fail_next_refresh_answers=1), FakeClock()
    dinero.routes[("GET", "/v1/organizations")] = json_route(ORGS)
    client = client_for(dinero, clock)
    assert client.organizations()[0].id == 1
    assert dinero.refreshes == 1 and dinero.replays == 0  # the retry got the grace answer
    assert clock.slept == [0.5]


def test_a_revoked_grant_asks_the_user_to_authorize_again() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    stolen = dinero.issue()
    dinero.issue()  # the server moved on: `stolen` is two generations old
    client = client_for(dinero, clock, tokens=stolen)
    with pytest.raises(AuthorizationRevoked, match="must authorize this application again"):
        client.organizations()


def test_a_refresh_interrupted_past_the_grace_period_is_never_retried() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    interrupted = dinero.issue().refresh_started(clock.now - 30)
    client = client_for(dinero, clock, tokens=interrupted)
    with pytest.raises(AuthorizationRevoked, match="replay detection"):
        client.organizations()
    assert dinero.refreshes == 0 and dinero.replays == 0  # nothing was presented


def test_a_refresh_interrupted_within_the_grace_period_is_finished() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", "/v1/organizations")] = json_route(ORGS)
    interrupted = dinero.issue().refresh_started(clock.now - 1)
    client = client_for(dinero, clock, tokens=interrupted)
    assert client.organizations()[0].name == "Eksempel ApS"
    assert dinero.refreshes == 1


def test_a_token_that_never_left_keeps_the_store_clean() -> None:
    clock = FakeClock()

    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    store = MemoryTokenStore(TokenSet("a", 0.0, "r"))
    credentials = FakeDinero().credentials(store=store, clock=clock)
    client = Client(credentials, transport=httpx.MockTransport(unreachable), sleep=clock.sleep)
    with pytest.raises(httpx.ConnectError):
        client.organizations()
    stored = store.load()
    assert stored is not None and stored.refresh_started_at is None
    assert clock.slept == [0.5, 1.0, 2.0]


def test_an_empty_store_means_authorize_first() -> None:
    credentials = FakeDinero().credentials(store=MemoryTokenStore())
    with pytest.raises(NotAuthorizedError):
        Client(credentials, transport=FakeDinero().transport()).organizations()


def test_a_refused_access_token_is_renewed_once() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", "/v1/organizations")] = json_route(ORGS)
    revoked = TokenSet("access-revoked", clock.now + 3600, dinero.issue().refresh_token)
    client = client_for(dinero, clock, tokens=revoked)
    assert client.organizations()[0].id == 1
    assert dinero.presented == ["access-revoked", "access-1"]
    assert client.counters.errors_by_status[401] == 1 and client.counters.calls == 2


def test_the_token_file_is_private_and_replaced_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = FileTokenStore(tmp_path / "nested" / "tokens.json")
    store.save(TokenSet("a", 1.0, "r"))
    store.save(TokenSet("b", 2.0, "s"))
    assert store.load() == TokenSet("b", 2.0, "s")
    assert (store.path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["tokens.json"]


def test_async_tasks_refresh_once_and_retry_a_lost_answer() -> None:
    dinero, clock = FakeDinero(fail_next_refresh_answers=1), FakeClock()
    dinero.routes[("GET", "/v1/organizations")] = json_route(ORGS)
    credentials = dinero.credentials(clock=clock)

    async def many_calls() -> list[list[Organization]]:
        async with AsyncClient(
            credentials, transport=dinero.transport(), sleep=clock.asleep, clock=clock
        ) as client:
            return await asyncio.gather(*(client.organizations() for _ in range(8)))

    assert all(orgs[0].is_pro for orgs in asyncio.run(many_calls()))
    assert dinero.refreshes == 1 and dinero.replays == 0 and clock.slept == [0.5]
    assert set(dinero.presented) == {"access-1"}


def test_a_cancelled_async_refresh_never_leaves_the_store_locked() -> None:
    dinero = FakeDinero()
    store = MemoryTokenStore(dinero.issue())
    credentials = dinero.credentials(store=store)
    held = store.lock()
    held.__enter__()  # another user of the store is refreshing

    async def cancel_a_waiting_refresh() -> None:
        async with httpx.AsyncClient(transport=dinero.transport()) as http:
            waiting = asyncio.create_task(credentials.abearer(http.send, asyncio.sleep))
            try:
                await asyncio.sleep(0)  # let it start waiting for the lock
                waiting.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await waiting
            finally:
                held.__exit__(None, None, None)

    asyncio.run(cancel_a_waiting_refresh())
    # asyncio.run waited for the thread still taking the lock for the cancelled refresh, and the
    # loop gave the lock back as soon as that thread got it
    assert store._lock.acquire(timeout=10.0)
    store._lock.release()
    assert dinero.refreshes == 0
