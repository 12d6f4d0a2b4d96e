"""The SDK end to end: a live `bilag serve --workers 2 --sandbox` on PostgreSQL over real HTTP.

The server is started once for the module with three settings changed, so that the whole module
takes about three minutes and proves as much as it can:

- Access tokens live 62 s. The SDK renews a token 60 s before it expires, so each process
  renews every 2 s or so, and the two-process test sees dozens of refreshes instead of one an
  hour. A setting is cleaner than the sandbox clock here: moving the clock would also age the
  refresh tokens' grace period and the rate windows the other tests use.
- The refresh grace period is 0 s. Inside a grace period the server forgives a refresh token
  presented twice (it answers with the same pair), so two processes refreshing at once without
  a lock would go unnoticed. With none, any second presentation is a replay and revokes the grant.
- The rate limit is 130 a minute, and the SDK's limiter in the 250-call test gets 125, the same
  five spare as Dinero's 100 and the SDK's default 95. The window is 60 s on both sides, so any
  wait lasts up to a minute whatever the limit: a lower limit would make 250 calls take longer,
  not shorter. With 125, the 250 calls need exactly one full window (about 65 s), where 95 would
  need two (about 2.5 minutes); the waits are real either way.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from collections.abc import Iterator
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bilag.client import (
    Client,
    Endpoints,
    FileRateLimiter,
    FileTokenStore,
    MemoryRateLimiter,
    OAuthApp,
    OAuthCredentials,
)
from bilag.identity.hashing import digest
from bilag.storage.db import Database
from bilag.storage.models import AuthorizationFailure, Grant, IdentityEvent, RefreshToken
from tests.client.live import LiveBilag, live_bilag
from tests.conftest import _postgres_database

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

TOKEN_LIFETIME = 62
SERVER_LIMIT = 130
SDK_BUDGET = 125
SHARING_SECONDS = 60.0  # each of the two processes calls this long, side by side
ORGANIZATION_CALL_EVERY = 15  # with a 0.1 s pause: ~60 organization calls a minute in all
PAUSE = 0.1
CACHE_SECONDS = 1.2  # a worker may see a new fault or clock offset up to a second late


@pytest.fixture(scope="module")
def live_database(request: pytest.FixtureRequest) -> Iterator[str]:
    yield from _postgres_database(request)


@pytest.fixture(scope="module")
def live(live_database: str) -> Iterator[LiveBilag]:
    settings = {
        "BILAG_ACCESS_TOKEN_LIFETIME": str(TOKEN_LIFETIME),
        "BILAG_RATE_LIMIT_PER_MINUTE": str(SERVER_LIMIT),
        "BILAG_REFRESH_GRACE_SECONDS": "0",
    }
    with live_bilag(live_database, "--workers", "2", "--sandbox", env=settings) as server:
        yield server


@pytest.fixture(scope="module")
def database(live: LiveBilag) -> Iterator[Database]:
    database = Database(live.database_url)
    yield database
    database.dispose()


def sandbox(live: LiveBilag, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.request(
        method, f"{live.base_url}/sandbox{path}", json=body, auth=live.user, timeout=30
    )
    assert response.is_success, response.text
    answer: dict[str, Any] = response.json()
    return answer


def new_organization(live: LiveBilag, name: str) -> int:
    """A Pro organization of the demo user's own, so no other test's calls count against it."""
    created = sandbox(live, "POST", "/organizations", {"name": name, "pro": True})
    return int(created["id"])


# -- 1. two processes, one token file --------------------------------------------------------


def call_for(
    base_url: str, app: OAuthApp, token_file: str, organization_id: int,
    start: Barrier, results: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    """One process's loop: once both are ready, SDK calls for SHARING_SECONDS, noting every
    refresh token it sees in the file."""
    store = FileTokenStore(token_file)
    credentials = OAuthCredentials(app, store, endpoints=Endpoints.single_origin(base_url))
    refresh_tokens: set[str | None] = set()
    failure = None
    with Client(credentials) as client:
        books = client.books(organization_id)
        round_number = 0
        start.wait(timeout=120)
        deadline = time.monotonic() + SHARING_SECONDS
        while time.monotonic() < deadline:
            try:
                client.organizations()
                if round_number % ORGANIZATION_CALL_EVERY == 0:
                    books.accounts.deposit()
            except Exception as error:  # noqa: BLE001 - reported to the test, which fails
                failure = repr(error)
                break
            tokens = store.load()
            refresh_tokens.add(tokens.refresh_token if tokens else None)
            round_number += 1
            time.sleep(PAUSE)
        results.put(
            {
                "failure": failure,
                "calls": client.counters.calls,
                "errors": dict(client.counters.errors_by_status),
                "refresh_tokens": refresh_tokens,
            }
        )


def test_two_processes_share_one_token_file_without_tripping_replay_detection(
    live: LiveBilag, database: Database, tmp_path: Path
) -> None:
    store = live.authorize_into(tmp_path / "tokens.json")
    first = store.load()
    assert first is not None and first.refresh_token is not None
    organization = live.organization("Demo Pro ApS")
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start = context.Barrier(2)
    arguments = (live.base_url, live.app, str(store.path), organization, start, results)
    workers = [context.Process(target=call_for, args=arguments) for _ in range(2)]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=SHARING_SECONDS + 180) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert [report["failure"] for report in reports] == [None, None]
    assert [report["errors"] for report in reports] == [{}, {}]
    assert all(report["calls"] > 100 for report in reports), reports
    seen = set().union(*(report["refresh_tokens"] for report in reports))
    assert len(seen - {first.refresh_token}) > 5  # the file's refresh token changed that often

    with Client(OAuthCredentials(live.app, store, endpoints=live.endpoints)) as client:
        assert organization in [org.id for org in client.organizations()]  # the grant lives

    final = store.load()
    assert final is not None and final.refresh_started_at is None
    grant_id = refresh_token_grant(database, first.refresh_token)
    with database.read() as session:
        grant = session.get(Grant, grant_id)
        assert grant is not None and grant.revoked_at is None
        events = select(IdentityEvent.kind).where(IdentityEvent.grant_id == grant_id)
        assert list(session.scalars(events)) == []  # no replay was ever logged against it
        token_refusals = select(func.count()).where(
            AuthorizationFailure.kind == "token",
            AuthorizationFailure.client_id == live.app.client_id,
        )
        assert session.scalar(token_refusals) == 0
        chain = session.execute(
            select(RefreshToken.id, RefreshToken.parent_id, RefreshToken.consumed_at)
            .where(RefreshToken.grant_id == grant_id)
            .order_by(RefreshToken.id)
        ).all()
    parents = [row.parent_id for row in chain[1:]]
    assert parents == [row.id for row in chain[:-1]]  # one straight line: nothing redeemed twice
    assert [row.consumed_at is None for row in chain].count(True) == 1
    assert len(chain) - 1 >= len(seen - {first.refresh_token}) > 5  # refreshes the server made
    assert final.refresh_token is not None
    assert refresh_token_grant(database, final.refresh_token) == grant_id


def refresh_token_grant(database: Database, refresh_token: str | None) -> str | None:
    assert refresh_token is not None
    with database.read() as session:
        query = select(RefreshToken.grant_id).where(
            RefreshToken.token_hash == digest(refresh_token)
        )
        grant_id: str | None = session.scalar(query)
    return grant_id


# -- 2. 250 calls under the limit ------------------------------------------------------------


def test_250_calls_to_one_organization_get_no_429(
    live: LiveBilag, database: Database, tmp_path: Path
) -> None:
    store = live.authorize_into(tmp_path / "tokens.json")
    organization = new_organization(live, "Mange Kald ApS")
    limiter = FileRateLimiter(store.directory, limit=SDK_BUDGET)
    credentials = OAuthCredentials(live.app, store, endpoints=live.endpoints)
    with Client(credentials, rate_limiter=limiter) as client:
        books = client.books(organization)
        for _ in range(250):
            books.accounts.deposit()
    counters = client.counters
    assert counters.calls == 250
    assert counters.errors_by_status == {}  # no 429, and no other error either
    assert counters.limiter_waits > 0 and counters.rate_limited_waits == 0
    with database.read() as session:
        refused = select(func.count()).where(
            AuthorizationFailure.http_status == 429,
            AuthorizationFailure.organization_id == organization,
        )
        assert session.scalar(refused) == 0


# -- 3. a 429 is waited out ------------------------------------------------------------------


class RecordingSleep:
    """Sleeps for real, and remembers for how long."""

    def __init__(self) -> None:
        self.pauses: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.pauses.append(seconds)
        time.sleep(seconds)


def test_a_forced_429_is_waited_out_and_retried(live: LiveBilag, tmp_path: Path) -> None:
    store = live.authorize_into(tmp_path / "tokens.json")
    organization = new_organization(live, "Fejl ApS")
    sandbox(live, "POST", "/faults", {
        "client_id": live.app.client_id, "kind": "429", "count": 1, "retry_after": 2,
    })  # fmt: skip
    time.sleep(CACHE_SECONDS)  # so that both workers know of the fault
    sleep = RecordingSleep()
    credentials = OAuthCredentials(live.app, store, endpoints=live.endpoints)
    with Client(credentials, sleep=sleep) as client:
        accounts = client.books(organization).accounts.deposit()
    assert accounts  # the retry was answered
    assert client.counters.errors_by_status == {429: 1}
    assert (client.counters.rate_limited_waits, client.counters.calls) == (1, 2)
    assert sleep.pauses == [2.0]  # the Retry-After the fault sent


def test_a_burst_from_another_client_is_waited_out(live: LiveBilag, tmp_path: Path) -> None:
    """Another installation of the same application, with a limiter of its own, spends the
    organization's whole budget; our client's next call is refused and waits for the window.

    The window is a minute long, so after the burst the sandbox clock moves the server most of
    the way through it. The 429 that follows is real and its `Retry-After` counts the few
    seconds that are left, which the SDK really sleeps.
    """
    ours = live.authorize_into(tmp_path / "ours" / "tokens.json")
    theirs = live.authorize_into(tmp_path / "theirs" / "tokens.json")
    organization = new_organization(live, "Travl ApS")
    other = OAuthCredentials(live.app, theirs, endpoints=live.endpoints)
    started = time.time()
    with Client(other, rate_limiter=MemoryRateLimiter(limit=SERVER_LIMIT)) as burst:
        books = burst.books(organization)
        for _ in range(SERVER_LIMIT):
            books.accounts.deposit()
    assert (burst.counters.calls, burst.counters.errors_by_status) == (SERVER_LIMIT, {})
    left = 60 - (time.time() - started)
    assert left > 10, "the burst took too long to prove anything"
    try:
        sandbox(live, "POST", "/clock", {"advance_seconds": math.floor(left) - 5})
        time.sleep(CACHE_SECONDS)  # so that both workers run on the moved clock
        sleep = RecordingSleep()
        credentials = OAuthCredentials(live.app, ours, endpoints=live.endpoints)
        with Client(credentials, sleep=sleep) as client:
            assert client.books(organization).accounts.deposit()
    finally:
        sandbox(live, "POST", "/clock", {"reset": True})
    assert client.counters.errors_by_status == {429: 1}
    assert (client.counters.rate_limited_waits, client.counters.limiter_waits) == (1, 0)
    assert client.counters.calls == 2
    assert len(sleep.pauses) == 1 and 1 <= sleep.pauses[0] <= 6
