"""`Idempotency-Key` on every POST under the API: bilag's addition to Dinero's API.

A POST with `Idempotency-Key: <1 to 255 visible ASCII characters>` and a valid bearer token is
remembered for 24 hours per (organization in the path or none, client id, key) with a SHA-256 of
its method, path, query and body. Then:
- a retry with the same key and the same request gets the first response again (status, headers
  and body, plus `Idempotent-Replayed: true`) without the handler running again;
- the same key with a different request is a 422 with code 42 naming `Idempotency-Key`;
- while the first request is still running, a second one with the same key waits for it (up to
  `WAIT_SECONDS`) and then gets its response; past that it gets 409 with code 45 and `Retry-After`;
- responses that say nothing about the request's effect are not kept, so a retry runs afresh:
  every 5xx, and 401, 403, 408, 409, 425 and 429 (the caller was refused or asked to come back);
- replays, mismatches and waits are authorized like any call (token, organization, rate limit).
Requests without the header, or without a valid token, pass through untouched.
"""

from __future__ import annotations

import hashlib
import re

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilag.api.auth import parse_organization_id, require_caller, require_organization
from bilag.api.errors import DineroError, ErrorCode, is_api_path, render_failure
from bilag.api.state import api_state
from bilag.identity.access import bearer_token
from bilag.identity.tokens import InvalidAccessToken
from bilag.storage.idempotency import (
    IdempotencyKey,
    Mismatch,
    Replay,
    Run,
    claim_key,
    keep_response,
    release_key,
)

HEADER = "idempotency-key"
KEY = re.compile(r"[\x21-\x7e]{1,255}")
# Above the largest body any endpoint takes (a 6 MB file in a multipart form); the whole body is
# held in memory to be hashed and handed on, so a larger one is refused before it is read.
MAX_BODY_BYTES = 8 * 1024 * 1024
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05
NOT_KEPT = frozenset({401, 403, 408, 409, 425, 429})
NOT_REPLAYED_HEADERS = frozenset(
    {"date", "server", "content-length", "transfer-encoding", "connection", "set-cookie"}
)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not is_api_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        raw_key = request.headers.get(HEADER)
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        if not KEY.fullmatch(raw_key):
            message = "Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces)."
            failure = DineroError(
                ErrorCode.INVALID_REQUEST, message, 400, {"Idempotency-Key": message}
            )
            await failure.response()(scope, receive, send)
            return
        key = _caller_key(request, raw_key)
        if key is None:
            await self.app(scope, receive, send)
            return
        body = await _read_body(scope, receive)
        if body is None:
            message = f"A request with an Idempotency-Key may have at most {MAX_BODY_BYTES} bytes."
            too_large = DineroError(ErrorCode.LIMIT_EXCEEDED, message, 413)
            await too_large.response()(scope, receive, send)
            return
        request_hash = _request_hash(scope, body)
        database = api_state(request).services.database
        waited = 0.0
        while True:
            claim = await anyio.to_thread.run_sync(claim_key, database, key, request_hash)
            if isinstance(claim, Run):
                await self._run(scope, _replaying(body, receive), send, key)
                return
            if isinstance(claim, Replay | Mismatch) or waited >= WAIT_SECONDS:
                break
            await anyio.sleep(POLL_SECONDS)
            waited += POLL_SECONDS
        refused = await anyio.to_thread.run_sync(_refusal, request)
        if refused is not None:
            await refused(scope, receive, send)
        elif isinstance(claim, Replay):
            await _send_replay(claim, send)
        elif isinstance(claim, Mismatch):
            message = (
                f"The Idempotency-Key '{raw_key}' was already used for a different request "
                "(method, path or body); use a new key for a new request."
            )
            failure = DineroError(ErrorCode.VALIDATION, message, 422, {"Idempotency-Key": message})
            await failure.response()(scope, receive, send)
        else:
            message = f"A request with the Idempotency-Key '{raw_key}' is still being processed."
            busy = DineroError(
                ErrorCode.INVALID_REQUEST, message, 409, headers={"Retry-After": "1"}
            )
            await busy.response()(scope, receive, send)

    async def _run(self, scope: Scope, receive: Receive, send: Send, key: IdempotencyKey) -> None:
        database = api_state(Request(scope)).services.database
        status = 500
        headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def send_and_keep(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [
                    (name.decode("latin-1"), value.decode("latin-1"))
                    for name, value in message.get("headers", [])
                    if name.decode("latin-1").lower() not in NOT_REPLAYED_HEADERS
                ]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_and_keep)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(release_key, database, key)
            raise
        if status >= 500 or status in NOT_KEPT:
            await anyio.to_thread.run_sync(release_key, database, key)
        else:
            body = b"".join(chunks)
            await anyio.to_thread.run_sync(keep_response, database, key, status, headers, body)


def _caller_key(request: Request, raw_key: str) -> IdempotencyKey | None:
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None
    try:
        claims = api_state(request).tokens.claims(token)
    except InvalidAccessToken:
        return None
    segments = request.url.path.split("/")
    organization_id = parse_organization_id(segments[2]) if len(segments) > 2 else None
    return IdempotencyKey(organization_id or 0, claims.client_id, raw_key)


def _refusal(request: Request) -> Response | None:
    """The response refusing this caller now, as the handler would; None when it may go on."""
    segments = request.url.path.split("/")
    try:
        if len(segments) > 2 and parse_organization_id(segments[2]) is not None:
            require_organization(request, segments[2])
        else:
            require_caller(request)
    except Exception as error:  # noqa: BLE001 - rendered as the handler's failures are
        return render_failure(request, error)
    return None


def _request_hash(scope: Scope, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1")):
        digest.update(part.encode() + b"\n")
    digest.update(body)
    return digest.hexdigest()


async def _read_body(scope: Scope, receive: Receive) -> bytes | None:
    """The whole body, or None when it is (or says it will be) larger than MAX_BODY_BYTES."""
    declared = Request(scope).headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then the client's own messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _send_replay(replay: Replay, send: Send) -> None:
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in replay.headers]
    headers.append((b"content-length", str(len(replay.body)).encode()))
    headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": replay.status, "headers": headers})
    await send({"type": "http.response.body", "body": replay.body, "more_body": False})
