"""`AsyncClient`: the asyncio twin. It runs the shared call flows with `httpx.AsyncClient`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx

from bilag.client import _calls, _settings_calls
from bilag.client._async_resources import AsyncBooks
from bilag.client._auth import Endpoints
from bilag.client._base import Authorize, BaseClient, Call, CallFlow, Sleep, decode
from bilag.client._calls import Listing
from bilag.client._credentials import Credentials
from bilag.client._limits import RateLimiter
from bilag.client._models import Organization
from bilag.client._settings_models import Country

T = TypeVar("T")


def _identity(payload: Any) -> Any:
    return payload


class AsyncClient(BaseClient):
    """As `Client`, with `await`. `transport` may be `httpx.ASGITransport(app)`."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        endpoints: Endpoints | None = None,
        rate_limiter: RateLimiter | None = None,
        rate_limit_retries: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
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
        self.http = httpx.AsyncClient(transport=transport, timeout=timeout)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.http.aclose()

    async def logout(self) -> None:
        """See `Client.logout`."""
        await self.credentials.alogout(self.http.send)

    async def _run(self, flow: CallFlow) -> httpx.Response:
        answer: Any = None
        while True:
            try:
                step = flow.send(answer)
            except StopIteration as stop:
                response: httpx.Response = stop.value
                return response
            if isinstance(step, Authorize):
                answer = await self.credentials.abearer(self.http.send, self.sleep, step.stale)
            elif isinstance(step, Sleep):
                await self.sleep(step.seconds)
                answer = None
            else:
                answer = await self.http.send(step)

    async def execute(self, call: Call[T]) -> T:
        return call.read(decode(await self._run(self.call_flow(call))))

    async def iterate(self, listing: Listing[T]) -> AsyncIterator[T]:
        pager = listing.pager()
        while not pager.done:
            for item in pager.accept(await self.execute(listing.page_call(pager))):
                yield item

    async def request(
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
        return await self.execute(call)

    async def organizations(self) -> list[Organization]:
        return await self.execute(_calls.organizations())

    async def countries(self) -> list[Country]:
        """Every country, by ISO 3166-1 key, with its Danish and English name."""
        return await self.execute(_settings_calls.countries())

    def books(self, organization_id: int) -> AsyncBooks:
        return AsyncBooks(self, organization_id)
