"""The front door's ASGI middleware: tidy API paths and count every API response.

A trailing slash on an API path is dropped before routing (Dinero's own examples use
`/v1/{org}/files/`), and the path's fixed segments are matched case-insensitively, as ASP.NET
routes them: `/V1/{org}/VatTypes` reaches `/v1/{org}/vatTypes`.

The middleware gives the request a `CallRecord`; the auth functions fill in who called and for
which organization, and once the response has started the status is counted. A `RefusalTap`
logs 400, 401, 403 and 429 answers for the Debugger (`api.refusal_log`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilag.api.errors import is_api_path
from bilag.api.refusal_log import RefusalTap, flush_refusal_counts
from bilag.api.usage import UsageRecorder

logger = logging.getLogger("bilag.api")

CALL_RECORD = "bilag.api.call"


@dataclass
class CallRecord:
    client_id: str | None = None
    organization_id: int | None = None


def call_record(scope: Scope) -> CallRecord:
    """The request's CallRecord (a throwaway one when the middleware did not run)."""
    record = scope.get(CALL_RECORD)
    return record if isinstance(record, CallRecord) else CallRecord()


class FrontDoorMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        recorder: UsageRecorder,
        route_segments: Mapping[str, str] | None = None,
    ) -> None:
        self.app = app
        self.recorder = recorder
        self._canonical = route_segments or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_api_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        scope = _with_canonical_segments(_without_trailing_slash(scope), self._canonical)
        record = CallRecord()
        scope[CALL_RECORD] = record
        status = 500
        refusals = RefusalTap(scope, receive)

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await refusals.send(message, send, record.client_id, record.organization_id)

        try:
            await self.app(scope, refusals.receive, send_and_note_status)
        finally:
            self.recorder.record(record.client_id, record.organization_id, status)
            await refusals.finish(record.client_id, record.organization_id)
            if self.recorder.flush_due():
                await self._flush(scope)

    async def _flush(self, scope: Scope) -> None:
        try:
            await anyio.to_thread.run_sync(self.recorder.flush)
            await anyio.to_thread.run_sync(flush_refusal_counts, scope["app"])
        except Exception:  # noqa: BLE001 - counting must never break a response
            logger.exception("could not store usage counts; will retry")


def _without_trailing_slash(scope: Scope) -> Scope:
    path: str = scope["path"]
    if len(path) <= 1 or not path.endswith("/"):
        return scope
    scope = dict(scope)
    scope["path"] = path.rstrip("/") or "/"
    raw_path = scope.get("raw_path")
    if isinstance(raw_path, bytes):
        scope["raw_path"] = raw_path.rstrip(b"/") or b"/"
    return scope


def _with_canonical_segments(scope: Scope, canonical: Mapping[str, str]) -> Scope:
    """The scope with each fixed path segment spelled as the routes spell it."""
    path: str = scope["path"]
    segments = path.split("/")
    spelled = [canonical.get(segment.lower(), segment) for segment in segments]
    if spelled == segments:
        return scope
    scope = dict(scope)
    scope["path"] = "/".join(spelled)
    scope["raw_path"] = scope["path"].encode("utf-8")
    return scope
