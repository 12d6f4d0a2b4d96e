"""A small Dinero for unit tests, served through `httpx.MockTransport`: a token endpoint with
one-time refresh tokens and replay detection, and API routes the tests fill in.

It is a test double of the server's protocol, not of the SDK: the SDK's real code runs against it.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import httpx

from bilag.client import (
    Endpoints,
    MemoryTokenStore,
    OAuthApp,
    OAuthCredentials,
    TokenSet,
)

BASE = "https://dinero.test"
ENDPOINTS = Endpoints.single_origin(BASE)
APP = OAuthApp("isv_test", "secret", "http://127.0.0.1:8765/callback")
Route = Callable[[httpx.Request], httpx.Response]


@dataclass
class FakeDinero:
    expires_in: int = 3600
    refreshes: int = 0
    replays: int = 0
    presented: list[str] = field(default_factory=list)
    fail_next_refresh_answers: int = 0  # the server consumes the token, the answer is lost
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)
    _counter: itertools.count[int] = field(default_factory=itertools.count)
    _current_refresh: str = ""
    _access: set[str] = field(default_factory=set)
    _previous: dict[str, dict[str, object]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def issue(self, expires_at: float = 0.0) -> TokenSet:
        """A pair as if just authorized; by default already expired, so it is refreshed first."""
        with self._lock:
            pair = self._new_pair()
        return TokenSet(str(pair["access_token"]), expires_at, str(pair["refresh_token"]))

    def _new_pair(self) -> dict[str, object]:
        n = next(self._counter)
        access, refresh = f"access-{n}", f"refresh-{n}"
        self._access.add(access)
        self._current_refresh = refresh
        return {"access_token": access, "refresh_token": refresh, "expires_in": self.expires_in}

    def credentials(self, tokens: TokenSet | None = None, **options: object) -> OAuthCredentials:
        store = options.pop("store", None) or MemoryTokenStore(tokens or self.issue())
        return OAuthCredentials(APP, store, endpoints=ENDPOINTS, **options)  # type: ignore[arg-type]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/connect/token":
            return self._token(request)
        authorization = request.headers.get("authorization", "")
        token = authorization.removeprefix("Bearer ")
        with self._lock:
            self.presented.append(token)
            known = token in self._access
        if not known:
            challenge = 'Bearer error="invalid_token"'
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        route = self.routes.get((request.method, request.url.path))
        if route is None:
            return httpx.Response(404, json={"code": 40, "message": "Not found"})
        return route(request)

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = dict(parse_qsl(request.content.decode()))
        token = form.get("refresh_token", "")
        with self._lock:
            if token == self._current_refresh:
                self.refreshes += 1
                self._access.clear()
                pair = self._new_pair()
                self._previous[token] = pair
                if self.fail_next_refresh_answers:
                    self.fail_next_refresh_answers -= 1
                    raise httpx.ReadError("the answer was lost", request=request)
                return httpx.Response(200, json=pair)
            child = self._previous.get(token)
            if child is not None and child["refresh_token"] == self._current_refresh:
                return httpx.Response(200, json=self._previous[token])  # the grace period
            self.replays += 1
            self._access.clear()
            self._current_refresh = ""
        body = {"error": "invalid_grant", "error_description": "the refresh token was used"}
        return httpx.Response(400, json=body)


def json_route(payload: object, status: int = 200, **headers: str) -> Route:
    def route(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=json.dumps(payload).encode(), headers=headers)

    return route


class FakeClock:
    """Time that moves only when the code under test sleeps."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
