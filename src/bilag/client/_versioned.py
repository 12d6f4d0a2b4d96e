# Generated from _async_versioned.py by tools/unasync.py: edit that file, not this one.
"""What the sending, reminder and trade offer resources share: the client they call through,
and sending a versioned write with the newest `Timestamp` when asked to (`retry_stale`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from bilag.client._base import Call
from bilag.client._errors import StaleVersionError

T = TypeVar("T")

if TYPE_CHECKING:
    from bilag.client._client import Client


class Resource:
    def __init__(self, client: Client, organization_id: int) -> None:
        self._client = client
        self._org = organization_id

    def _versioned(
        self,
        timestamp: str,
        make: Callable[[str], Call[T]],
        retry_stale: bool,
        latest: Callable[[], str],
    ) -> T:
        """`make(timestamp)`; on a stale version (code 58) with `retry_stale`, once more with the
        `latest()` timestamp."""
        try:
            return self._client.execute(make(timestamp))
        except StaleVersionError:
            if not retry_stale:
                raise
        return self._client.execute(make(latest()))
