"""Where a client's bearer token comes from: an authorization with refresh tokens, or an API key.

Refreshing follows the FAQ's warning about replay detection: presenting a consumed refresh token
revokes the whole authorization. So a refresh is single-flight (a thread lock, then the store's
lock, which for `FileTokenStore` is a cross-process `flock`), the store is read again once the lock
is held (another process may have refreshed already: its tokens are used), the start of the
refresh is persisted before the token is sent, and the new pair is persisted before it is used.
After a network failure the same token is presented again within the grace period; a refresh
whose outcome stayed unknown past it is never retried, and `AuthorizationRevoked` says so.

The logic is written once, as generators that yield what to do (`httpx.Request` to send, or
seconds to sleep); `drive` and `adrive` run them with blocking or async I/O.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Generator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace

import httpx

from bilag.client._auth import (
    Endpoints,
    OAuthApp,
    api_key_request,
    read_revocation_response,
    read_token_response,
    refresh_request,
    revocation_request,
)
from bilag.client._errors import AuthorizationRevoked, NotAuthorizedError, TokenRequestError
from bilag.client._tokens import MemoryTokenStore, TokenSet, TokenStore

Step = httpx.Request | float
Flow = Generator[Step, httpx.Response | None, TokenSet]
Send = Callable[[httpx.Request], httpx.Response]
AsyncSend = Callable[[httpx.Request], Awaitable[httpx.Response]]
RETRY_PAUSES = (0.5, 1.0, 2.0)  # together well inside Dinero's shortest grace period (5 s)
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout)
INTERRUPTED = (
    "a refresh started {age:.0f} s ago never got an answer, so its refresh token may have been "
    "consumed; presenting it again would trip replay detection"
)


def drive(flow: Flow, send: Send, sleep: Callable[[float], None]) -> TokenSet:
    outcome: httpx.Response | None | BaseException = None
    while True:
        try:
            if isinstance(outcome, BaseException):
                step = flow.throw(outcome)
            else:
                step = flow.send(outcome)
        except StopIteration as stop:
            result: TokenSet = stop.value
            return result
        outcome = None
        try:
            if isinstance(step, httpx.Request):
                outcome = send(step)
            else:
                sleep(step)
        except httpx.TransportError as error:
            outcome = error


async def adrive(
    flow: Flow, send: AsyncSend, sleep: Callable[[float], Awaitable[None]]
) -> TokenSet:
    outcome: httpx.Response | None | BaseException = None
    while True:
        try:
            if isinstance(outcome, BaseException):
                step = flow.throw(outcome)
            else:
                step = flow.send(outcome)
        except StopIteration as stop:
            result: TokenSet = stop.value
            return result
        outcome = None
        try:
            if isinstance(step, httpx.Request):
                outcome = await send(step)
            else:
                await sleep(step)
        except httpx.TransportError as error:
            outcome = error


class Credentials:
    """The shared machinery: a cached token, single-flight renewal, sync and async."""

    client_id: str

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._current: TokenSet | None = None
        self._thread_lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None

    def _renewal(self, stale: str | None) -> Flow:
        raise NotImplementedError

    def _usable(self) -> str | None:
        current = self._current
        if current is not None and not current.expiring(self.clock()):
            return current.access_token
        return None

    def _store_lock(self) -> AbstractContextManager[object]:
        return nullcontext()

    def bearer(self, send: Send, sleep: Callable[[float], None], stale: str | None = None) -> str:
        """A valid access token; `stale` is one the API refused, which must not come back."""
        if stale is None and (token := self._usable()) is not None:
            return token
        with self._thread_lock, self._store_lock():
            self._current = drive(self._renewal(stale), send, sleep)
            return self._current.access_token

    async def abearer(
        self, send: AsyncSend, sleep: Callable[[float], Awaitable[None]], stale: str | None = None
    ) -> str:
        if stale is None and (token := self._usable()) is not None:
            return token
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            lock = self._store_lock()
            await _acquire_in_thread(lock)  # a cross-process lock may block for a while
            try:
                self._current = await adrive(self._renewal(stale), send, sleep)
            finally:
                lock.__exit__(None, None, None)
            return self._current.access_token

    def logout(self, send: Send) -> None:
        """End the authorization at the identity provider and forget its tokens."""
        with self._thread_lock, self._store_lock():
            request = self._revocation()
            if request is not None:
                read_revocation_response(send(request))
            self._forget()

    async def alogout(self, send: AsyncSend) -> None:
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            lock = self._store_lock()
            await _acquire_in_thread(lock)
            try:
                request = self._revocation()
                if request is not None:
                    read_revocation_response(await send(request))
                self._forget()
            finally:
                lock.__exit__(None, None, None)

    def _revocation(self) -> httpx.Request | None:
        """What revokes the authorization, if anything can."""
        return None

    def _forget(self) -> None:
        self._current = None


async def _acquire_in_thread(lock: AbstractContextManager[object]) -> None:
    """Take `lock` without blocking the event loop. If the waiting task is cancelled, the lock
    is never left held: released at once if the thread already has it, or by the thread as soon
    as it gets it."""
    guard = threading.Lock()
    state = {"abandoned": False, "held": False}

    def take() -> None:
        lock.__enter__()
        with guard:
            if state["abandoned"]:
                lock.__exit__(None, None, None)
            else:
                state["held"] = True

    acquiring = asyncio.ensure_future(asyncio.to_thread(take))
    try:
        await asyncio.shield(acquiring)
    except asyncio.CancelledError:
        with guard:
            state["abandoned"] = True
            held = state["held"]
        if held:
            lock.__exit__(None, None, None)
        raise


class OAuthCredentials(Credentials):
    """Tokens from the authorization code flow, kept in `store` and refreshed when they expire."""

    def __init__(
        self,
        app: OAuthApp,
        store: TokenStore | None = None,
        *,
        endpoints: Endpoints | None = None,
        clock: Callable[[], float] = time.time,
        grace_seconds: float = 5.0,
    ) -> None:
        super().__init__(clock)
        self.app = app
        self.client_id = app.client_id
        self.store: TokenStore = store if store is not None else MemoryTokenStore()
        self.endpoints = endpoints or Endpoints()
        self.grace_seconds = grace_seconds

    def _store_lock(self) -> AbstractContextManager[object]:
        return self.store.lock()

    def _revocation(self) -> httpx.Request | None:
        tokens = self.store.load()  # read under the lock: the newest refresh token
        if tokens is None or tokens.refresh_token is None:
            return None
        return revocation_request(self.app, self.endpoints, tokens.refresh_token)

    def _forget(self) -> None:
        super()._forget()
        self.store.clear()

    def _renewal(self, stale: str | None) -> Flow:
        tokens = self.store.load()  # read again under the lock
        if tokens is None:
            raise NotAuthorizedError("the token store is empty: authorize first")
        settled = tokens.refresh_started_at is None and not tokens.expiring(self.clock())
        if settled and tokens.access_token != stale:
            return tokens  # still valid, or another thread or process renewed it
        return (yield from self._refresh(tokens))

    def _refresh(self, tokens: TokenSet) -> Flow:
        if tokens.refresh_token is None:
            raise AuthorizationRevoked("the access token expired and there is no refresh token")
        started = tokens.refresh_started_at
        if started is not None and self.clock() - started > self.grace_seconds:
            raise AuthorizationRevoked(INTERRUPTED.format(age=self.clock() - started))
        if started is None:
            self.store.save(tokens.refresh_started(self.clock()))
        request = refresh_request(self.app, self.endpoints, tokens.refresh_token)
        delivered = False
        for pause in (*RETRY_PAUSES, None):
            try:
                response = yield request
            except httpx.TransportError as error:
                delivered = delivered or not isinstance(error, NOT_SENT)
                if pause is None:
                    if not delivered:  # it never reached the server: the token is unused
                        self.store.save(replace(tokens, refresh_started_at=started))
                    raise
                yield pause
                continue
            delivered = True
            assert response is not None
            if response.status_code >= 500 and pause is not None:
                yield pause
                continue
            try:
                fresh = read_token_response(response, self.clock(), refreshing=True)
            except TokenRequestError as refused:
                if refused.status_code < 500:  # refused before consuming anything
                    self.store.save(replace(tokens, refresh_started_at=started))
                raise
            if fresh.refresh_token is None:
                fresh = replace(fresh, refresh_token=tokens.refresh_token)
            self.store.save(fresh)
            return fresh
        raise AssertionError("unreachable: the last attempt returns or raises")


class ApiKeyCredentials(Credentials):
    """The legacy grant: the organization's API key buys a new token whenever one is needed."""

    def __init__(
        self,
        app: OAuthApp,
        api_key: str,
        *,
        endpoints: Endpoints | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock)
        self.app = app
        self.client_id = app.client_id
        self.api_key = api_key
        self.endpoints = endpoints or Endpoints()

    def _renewal(self, stale: str | None) -> Flow:
        current = self._current
        if current is not None and current.access_token != stale:
            if not current.expiring(self.clock()):
                return current
        response = yield api_key_request(self.app, self.endpoints, self.api_key)
        assert response is not None
        return read_token_response(response, self.clock(), refreshing=False)
