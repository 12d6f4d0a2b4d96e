"""API refusals (400, 401, 403, 429) in the Debugger's log, their id in `X-Bilag-Error-Id`.

The front door gives each API request a `RefusalTap`. It passes the request body through,
keeping its first bytes. A response with a refusal status has its start held until the first
body message (error bodies are small), so that the refusal can be classified in plain words
from Dinero's error body; then it takes an error id from the `RefusalLog` (which coalesces
floods), the start goes out with the header, and once the response is sent the row is
stored. Dinero's error body itself is never touched, and a successful call writes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

import anyio
import orjson
from starlette.datastructures import Headers
from starlette.types import Message, Receive, Scope, Send

from bilag.identity.refusals import Refusal, RefusalLog, refusal_log
from bilag.identity.refusals_snapshot import BODY_PREFIX_BYTES, request_snapshot

logger = logging.getLogger("bilag.api")

ERROR_ID_HEADER = b"x-bilag-error-id"
REFUSAL_STATUSES = frozenset({400, 401, 403, 429})
_BAD_REQUEST_REASONS = {42: "validation_error", 43: "page_size_too_large", 46: "invalid_filter"}


class RefusalTap:
    def __init__(self, scope: Scope, receive: Receive) -> None:
        self._scope = scope
        self._receive = receive
        self._body = b""
        self._body_length = 0
        self._status = 0
        self._response_headers: Headers | None = None
        self._response_body = b""
        self._held_start: Message | None = None
        self._reason = ""
        self._detail = ""
        self._error_id: str | None = None
        self._must_store = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            chunk: bytes = message.get("body", b"")
            self._body_length += len(chunk)
            if len(self._body) < BODY_PREFIX_BYTES:
                self._body += chunk[: BODY_PREFIX_BYTES - len(self._body)]
        return message

    async def send(
        self, message: Message, send: Send, client_id: str | None, organization_id: int | None
    ) -> None:
        """Send the message; a refusal's start waits for its body to learn the reason, then
        goes out with the error id header."""
        if message["type"] == "http.response.start":
            self._status = int(message["status"])
            if self._status in REFUSAL_STATUSES:
                self._held_start = message
                return
        elif message["type"] == "http.response.body" and self._held_start is not None:
            start, self._held_start = self._held_start, None
            self._response_headers = Headers(raw=list(start.get("headers", [])))
            self._response_body = message.get("body", b"")[:BODY_PREFIX_BYTES]
            self._reason, self._detail = self._classify(client_id)
            key = self._coalesce_key(client_id, organization_id)
            self._error_id, self._must_store = self._log().admit(key)
            headers = [*start.get("headers", []), (ERROR_ID_HEADER, self._error_id.encode())]
            await send({**start, "headers": headers})
        await send(message)

    async def finish(self, client_id: str | None, organization_id: int | None) -> None:
        """Store the refusal, if this response was the first of its kind in the window."""
        if self._error_id is None or not self._must_store:
            return
        refusal = self._refusal(client_id, organization_id)
        try:
            await anyio.to_thread.run_sync(self._log().store, self._error_id, refusal)
        except Exception:  # noqa: BLE001 - logging a refusal must never break a response
            logger.exception("could not store the refusal %s", self._error_id)

    def _log(self) -> RefusalLog:
        return refusal_log(self._scope["app"].state.services.database)

    def _coalesce_key(self, client_id: str | None, organization_id: int | None) -> tuple[Any, ...]:
        if self._status == 429:
            return ("api", 429, client_id, organization_id)
        where = (self._scope["method"], self._path)
        return ("api", self._status, self._reason, client_id, organization_id, *where)

    @property
    def _path(self) -> str:
        return str(self._scope["path"])

    def _refusal(self, client_id: str | None, organization_id: int | None) -> Refusal:
        request_headers = Headers(scope=self._scope)
        query = self._scope.get("query_string", b"").decode("latin-1")
        return Refusal(
            kind="api",
            reason=self._reason,
            http_status=self._status,
            detail=self._detail,
            client_id=client_id,
            organization_id=organization_id,
            request=request_snapshot(
                self._scope["method"],
                self._path,
                query,
                request_headers.items(),
                self._body,
                self._body_length,
            ),
        )

    def _classify(self, client_id: str | None) -> tuple[str, str]:
        """(reason, detail) from the status, Dinero's error body and the auth headers."""
        body = self._error_body()
        code = body.get("code")
        message = str(body.get("message") or "")
        if self._status == 429:
            retry = self._response_header("retry-after")
            text = self._response_body.decode("utf-8", errors="replace")
            return "rate_limited", f"The answer was: {text}" + (
                f" Retry-After: {retry} s." if retry else ""
            )
        if self._status == 401:
            authorization = Headers(scope=self._scope).get("authorization", "")
            challenge = self._response_header("www-authenticate")
            if not authorization.lower().startswith("bearer "):
                return "missing_token", ""
            if "invalid_token" in challenge or client_id is None:
                return "invalid_token", _description(challenge)
            return "organization_not_reachable", ""
        if self._status == 403:
            return ("no_pro", "") if code == 90 else ("missing_scope", message)
        problems = body.get("validationErrors") or {}
        listed = "; ".join(f"{name}: {text}" for name, text in dict(problems).items())
        detail = f"{message} ({listed})" if listed else message
        return _BAD_REQUEST_REASONS.get(code if isinstance(code, int) else 0, "bad_request"), detail

    def _error_body(self) -> dict[str, Any]:
        try:
            parsed = orjson.loads(self._response_body)
        except orjson.JSONDecodeError:
            return {}
        return parsed if isinstance(parsed, dict) else {}

    def _response_header(self, name: str) -> str:
        return self._response_headers.get(name, "") if self._response_headers else ""


def flush_refusal_counts(scope_app: Any, closing: bool = False) -> None:
    """Add the counts of coalesced refusals to their rows (run beside the usage flush); when
    the app stops (`closing`), those of windows still open too."""
    refusal_log(scope_app.state.services.database).flush(everything=closing)


def _description(challenge: str) -> str:
    marker = 'error_description="'
    start = challenge.find(marker)
    if start < 0:
        return ""
    start += len(marker)
    end = challenge.find('"', start)
    return f"The token was refused: {challenge[start : end if end > 0 else None]}."
