"""The protocol endpoints' plumbing: strict form parsing and OAuth error responses.

Handlers on a router with `route_class=OAuthRoute` may raise any `OAuthError` (from a dependency
or from the handler) and the client gets the RFC 6749 §5.2 JSON body with `no-store` headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bilag.identity.errors import InvalidRequest, OAuthError
from bilag.identity.issuance import NO_STORE_HEADERS

MAX_FORM_BYTES = 16 * 1024
MAX_FORM_FIELDS = 50
FORM_TYPE = "application/x-www-form-urlencoded"


def oauth_error_response(error: OAuthError) -> JSONResponse:
    return JSONResponse(
        error.body(), status_code=error.status_code, headers={**NO_STORE_HEADERS, **error.headers}
    )


def no_store_json(body: dict[str, Any], status_code: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status_code, headers=NO_STORE_HEADERS)


def require_param(form: dict[str, str], name: str) -> str:
    value = form.get(name)
    if value is None:
        raise InvalidRequest(f"the parameter {name!r} is required")
    return value


class OAuthRoute(APIRoute):
    """An APIRoute that turns every `OAuthError` into its JSON error response."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except OAuthError as error:
                return oauth_error_response(error)

        return handle


async def read_form(request: Request) -> dict[str, str]:
    """The form body as a dict; empty values count as absent (RFC 6749 §3.1).

    Anything else than a small, well-formed, UTF-8, form-encoded body with each parameter at
    most once is `invalid_request`, naming the problem.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await _read_limited(request)
    if content_type != FORM_TYPE and (body or content_type):
        raise InvalidRequest(f"the request body must be {FORM_TYPE}")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=bool(text),
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except UnicodeDecodeError:
        raise InvalidRequest("the form body is not valid UTF-8") from None
    except ValueError:
        raise InvalidRequest("the form body is malformed or has too many fields") from None
    form: dict[str, str] = {}
    seen: set[str] = set()
    for name, value in pairs:
        if name in seen:
            raise InvalidRequest(f"the parameter {name!r} must not be repeated")
        seen.add(name)
        if "\x00" in name or "\x00" in value:
            raise InvalidRequest(f"the parameter {name!r} contains a NUL character")
        if value:
            form[name] = value
    return form


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_FORM_BYTES):
        raise InvalidRequest(f"the request body must be at most {MAX_FORM_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            raise InvalidRequest(f"the request body must be at most {MAX_FORM_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
