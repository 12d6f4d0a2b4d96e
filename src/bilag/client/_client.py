"""`Client`: the blocking twin. It runs the shared call flows (`_base.py`) with `httpx.Client`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx

from bilag.client import _calls, _settings_calls
from bilag.client._auth import Endpoints
from bilag.client._base import Authorize, BaseClient, Call, CallFlow, Sleep, decode
from bilag.client._calls import Listing
from bilag.client._credentials import Credentials
from bilag.client._limits import RateLimiter
from bilag.client._models import Organization
from bilag.client._resources import Books
from bilag.client._settings_models import Country

T = TypeVar("T")


def _identity(payload: Any) -> Any:
    return payload


class Client(BaseClient):
    """The Dinero API for one authorization (`OAuthCredentials` or `ApiKeyCredentials`).

    `transport` is httpx's seam: `httpx.MockTransport` in tests, or a WSGI/ASGI bridge.
    `sleep` and `clock` are injectable so waits can be tested without waiting.
    """

    def __init__(
        self,
        credentials: Credentials,
        *,
        endpoints: Endpoints | None = None,
        rate_limiter: RateLimiter | None = None,
        rate_limit_retries: int = 3,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(
            credentials,
            endpoints=endpoints,
            rate_limiter=rate_limiter,
            rate_limit_retries=rate_limit_retries,
            clock=clock,
        )
        self.sleep = sleep
        self.http = httpx.Client(transport=transport, timeout=timeout)

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()

    def logout(self) -> None:
        """Revoke the authorization (its refresh token, and so every token of it) and empty the
        token store. With an API key there is nothing to revoke: the cached token is dropped, and
        the key itself is revoked in Dinero's settings."""
        self.credentials.logout(self.http.send)

    def _run(self, flow: CallFlow) -> httpx.Response:
        answer: Any = None
        while True:
            try:
                step = flow.send(answer)
            except StopIteration as stop:
                response: httpx.Response = stop.value
                return response
            if isinstance(step, Authorize):
                answer = self.credentials.bearer(self.http.send, self.sleep, step.stale)
            elif isinstance(step, Sleep):
                self.sleep(step.seconds)
                answer = None
            else:
                answer = self.http.send(step)

    def execute(self, call: Call[T]) -> T:
        """Send one call (with rate limiting, retries and error mapping) and read its answer."""
        return call.read(decode(self._run(self.call_flow(call))))

    def iterate(self, listing: Listing[T]) -> Iterator[T]:
        """Every item of a list endpoint, page by page, stopping after the last page."""
        pager = listing.pager()
        while not pager.done:
            yield from pager.accept(self.execute(listing.page_call(pager)))

    def request(
        self,
        method: str,
        path: str,
        *,
        organization_id: int | None = None,
        params: Mapping[str, str] | None = None,
        json: Any = None,
    ) -> Any:
        """Any endpoint, with the same limits, retries and errors: the decoded JSON answer.
        Give `organization_id` for paths under one, so the rate limiter counts the call."""
        call = Call(method, path, _identity, organization_id, params or {}, json)
        return self.execute(call)

    def organizations(self) -> list[Organization]:
        """The organizations the user can reach, with `is_pro`: let the user choose from them."""
        return self.execute(_calls.organizations())

    def countries(self) -> list[Country]:
        """Every country, by ISO 3166-1 key, with its Danish and English name."""
        return self.execute(_settings_calls.countries())

    def books(self, organization_id: int) -> Books:
        """One organization's bookkeeping: contacts, files, vouchers, kassekladde, entries."""
        return Books(self, organization_id)
