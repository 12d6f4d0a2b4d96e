"""Refused token requests in the Debugger's log, and their error id in `X-Bilag-Error-Id`.

`RecordingOAuthRoute` replaces `OAuthRoute` for `/connect/token`: it keeps the body's first bytes as
they arrive, and when the answer is an OAuth error it records the refusal (client id when the
request names one, plain-words reason, the request with secrets redacted). The JSON error body
is unchanged; only the header is added.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, unquote_plus

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive

from bilag.identity.context import Services
from bilag.identity.endpoints.protocol import oauth_error_response
from bilag.identity.errors import (
    InvalidClient,
    InvalidGrant,
    InvalidRequest,
    InvalidScope,
    OAuthError,
    UnauthorizedClient,
    UnsupportedGrantType,
)
from bilag.identity.grants import GrantCompromised
from bilag.identity.refusals import Refusal, refusal_log
from bilag.identity.refusals_snapshot import BODY_PREFIX_BYTES, request_snapshot

ERROR_ID_HEADER = "X-Bilag-Error-Id"

# (error class, a phrase of the description, reason); the first match wins.
_REASONS: tuple[tuple[type[OAuthError], str, str], ...] = (
    (GrantCompromised, "refresh token has already been used", "refresh_token_replay"),
    (GrantCompromised, "", "code_reused"),
    (InvalidClient, "revoked", "client_revoked"),
    (InvalidClient, "unknown client", "client_authentication_failed"),
    (InvalidClient, "", "client_authentication_missing"),
    (InvalidRequest, "authentication method", "client_authentication_missing"),
    (InvalidRequest, "differs from the one in the Basic", "client_authentication_missing"),
    (InvalidRequest, "code_verifier", "invalid_pkce"),
    (InvalidRequest, "redirect_uri", "redirect_uri_differs"),
    (InvalidRequest, "is required", "token_missing_parameter"),
    (InvalidRequest, "", "token_malformed_request"),
    (InvalidGrant, "code_verifier", "invalid_pkce"),
    (InvalidGrant, "redirect_uri", "redirect_uri_differs"),
    (InvalidGrant, "authorization code", "invalid_code"),
    (InvalidGrant, "has been revoked", "grant_revoked"),
    (InvalidGrant, "refresh token", "invalid_refresh_token"),
    (UnauthorizedClient, "client_credentials", "client_credentials_refused"),
    (UnauthorizedClient, "", "wrong_application_type"),
    (UnsupportedGrantType, "", "unsupported_grant_type"),
    (InvalidScope, "", "scope_widened"),
)


def token_reason(error: OAuthError) -> str:
    for error_class, phrase, reason in _REASONS:
        if isinstance(error, error_class) and phrase in error.description:
            return reason
    return "token_request_refused"


class RecordingOAuthRoute(APIRoute):
    """`OAuthRoute`'s error rendering, plus the recording of each refusal."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            captured = _CapturedBody(request.receive)
            request = Request(request.scope, captured.receive)
            try:
                return await handler(request)
            except OAuthError as error:
                return await _recorded(request, captured, error, oauth_error_response(error))

        return handle


async def _recorded(
    request: Request, captured: _CapturedBody, error: OAuthError, response: Response
) -> Response:
    services: Services = request.app.state.services
    form = parse_qs(captured.text(), keep_blank_values=True)
    refusal = Refusal(
        kind="token",
        reason=token_reason(error),
        http_status=response.status_code,
        detail=error.description,
        client_id=_client_id(request.headers.get("authorization"), form),
        request=request_snapshot(
            request.method,
            request.url.path,
            request.url.query,
            request.headers.items(),
            captured.prefix,
            captured.length,
        ),
    )
    key = ("token", refusal.reason, refusal.client_id or "-")
    log = refusal_log(services.database)
    error_id = await run_in_threadpool(log.record, refusal, key)
    response.headers[ERROR_ID_HEADER] = error_id
    return response


class _CapturedBody:
    """Passes the request body through, keeping its first bytes and its length."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self.prefix = b""
        self.length = 0

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            chunk: bytes = message.get("body", b"")
            self.length += len(chunk)
            if len(self.prefix) < BODY_PREFIX_BYTES:
                self.prefix += chunk[: BODY_PREFIX_BYTES - len(self.prefix)]
        return message

    def text(self) -> str:
        return self.prefix.decode("utf-8", errors="replace")


def _client_id(authorization: str | None, form: dict[str, list[str]]) -> str | None:
    scheme, _, encoded = (authorization or "").strip().partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            decoded = ""
        raw_id, colon, _secret = decoded.partition(":")
        if colon and raw_id:
            return unquote_plus(raw_id)[:200]
    values = form.get("client_id")
    return values[0][:200] if values else None
