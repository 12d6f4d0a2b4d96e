"""What the sending, reminder and trade offer resources share: the client they call through,
and sending a versioned write with the newest `Timestamp` when asked to (`retry_stale`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bilag.client._base import Call
from bilag.client._errors import StaleVersionError

T = TypeVar("T")

if TYPE_CHECKING:
    from bilag.client._async_client import AsyncClient


class AsyncResource:
    def __init__(self, client: AsyncClient, organization_id: int) -> None:
        self._client = client
        self._org = organization_id

    async def _versioned(
        self,
        timestamp: str,
        make: Callable[[str], Call[T]],
        retry_stale: bool,
        latest: Callable[[], Awaitable[str]],
    ) -> T:
        """`make(timestamp)`; on a stale version (code 58) with `retry_stale`, once more with the
        `latest()` timestamp."""
        try:
            return await self._client.execute(make(timestamp))
        except StaleVersionError:
            if not retry_stale:
                raise
        return await self._client.execute(make(await latest()))
