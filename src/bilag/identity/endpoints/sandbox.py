"""The sandbox controls over HTTP (JSON), for tests: `/sandbox/...`.

    POST   /sandbox/users                        {"email", "name", "password"}
    POST   /sandbox/organizations                {"name", "pro"?, "owner_email"?}
    POST   /sandbox/organizations/{id}/reset     a member of the organization
    GET    /sandbox/clock
    POST   /sandbox/clock                        {"advance_seconds": N} or {"reset": true}
    GET    /sandbox/faults[?client_id=]          the caller's applications' armed faults
    POST   /sandbox/faults                       {"client_id", "kind", "count", "delay_ms"?,
                                                  "retry_after"?}; the application's owner
    DELETE /sandbox/faults[?client_id=]

Every call authenticates a user with HTTP Basic (e-mail and password). With sandbox mode off
every path answers 404. Failures are `{"error": ..., "message": ...}` naming the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from fastapi import APIRouter, Depends
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bilag.identity.context import Services, get_services
from bilag.identity.issuance import NO_STORE_HEADERS
from bilag.identity.sandbox import clock, faults, people
from bilag.identity.sandbox.access import (
    BASIC_CHALLENGE,
    SandboxUser,
    authenticate,
    owned_client_ids,
    require_member,
    require_owned_client,
)
from bilag.identity.sandbox.errors import SandboxError, SandboxInputError, SandboxUnauthorized
from bilag.identity.sandbox.mode import require_sandbox
from bilag.identity.sandbox.reset import reset_organization

MAX_BODY_BYTES = 16 * 1024
MAX_ORGANIZATION_ID = 2**31 - 1


def sandbox_error_response(error: SandboxError) -> JSONResponse:
    headers = dict(NO_STORE_HEADERS)
    if isinstance(error, SandboxUnauthorized):
        headers["WWW-Authenticate"] = BASIC_CHALLENGE
    body = {"error": error.error, "message": str(error)}
    return JSONResponse(body, status_code=error.status_code, headers=headers)


class SandboxRoute(APIRoute):
    """404 unless the app is in sandbox mode; every SandboxError as its JSON answer."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                require_sandbox(request)
                return await handler(request)
            except SandboxError as error:
                return sandbox_error_response(error)

        return handle


router = APIRouter(prefix="/sandbox", route_class=SandboxRoute, include_in_schema=False)


async def raw_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise SandboxInputError(f"the request body must be at most {MAX_BODY_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise SandboxInputError(f"the request body must be at most {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def json_object(raw: bytes, allowed: set[str]) -> dict[str, Any]:
    """The body as a JSON object with no fields but `allowed` (an empty body is `{}`)."""
    if not raw.strip():
        return {}
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise SandboxInputError(f"the body is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise SandboxInputError("the body must be a JSON object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed))
        raise SandboxInputError(f"unknown field {unknown[0]!r}; the fields are: {expected}")
    return value


def text_field(body: dict[str, Any], name: str, *, default: str | None = None) -> str:
    value = body.get(name, default)
    if value is None:
        raise SandboxInputError(f"{name} is required")
    if not isinstance(value, str):
        raise SandboxInputError(f"{name} must be a string")
    return value


def whole_field(body: dict[str, Any], name: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise SandboxInputError(f"{name} must be a whole number")
    return value


def flag_field(body: dict[str, Any], name: str, *, default: bool) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise SandboxInputError(f"{name} must be true or false")
    return value


def caller(request: Request, services: Services) -> SandboxUser:
    address = request.client.host if request.client else "unknown"
    return authenticate(services.database, request.headers.get("authorization"), address)


def answer(body: dict[str, Any], status_code: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status_code, headers=NO_STORE_HEADERS)


@router.post("/users")
def create_user(
    request: Request, raw: bytes = Depends(raw_body), services: Services = Depends(get_services)
) -> Response:
    caller(request, services)
    body = json_object(raw, {"email", "name", "password"})
    email = text_field(body, "email")
    user = people.create_test_user(
        services.database,
        email=email,
        name=text_field(body, "name", default=email),
        password=text_field(body, "password"),
    )
    return answer(user.as_json(), 201)


@router.post("/organizations")
def create_organization(
    request: Request, raw: bytes = Depends(raw_body), services: Services = Depends(get_services)
) -> Response:
    user = caller(request, services)
    body = json_object(raw, {"name", "pro", "owner_email"})
    organization = people.create_test_organization(
        services.database,
        name=text_field(body, "name"),
        is_pro=flag_field(body, "pro", default=False),
        owner_email=text_field(body, "owner_email", default=user.email),
    )
    return answer(organization.as_json(), 201)


@router.post("/organizations/{organization_id}/reset")
def reset(
    request: Request, organization_id: str, services: Services = Depends(get_services)
) -> Response:
    user = caller(request, services)
    if not organization_id.isdigit() or not 0 < int(organization_id) <= MAX_ORGANIZATION_ID:
        raise SandboxInputError(f"{organization_id!r} is not an organization id")
    require_member(services.database, user, int(organization_id))
    deleted = reset_organization(services.database, int(organization_id))
    return answer({"id": int(organization_id), "reset": True, "deleted": deleted})


def _clock_state(services: Services) -> dict[str, Any]:
    offset = clock.read_offset(services.database)
    moment = datetime.now(UTC) + timedelta(seconds=offset)
    return {"offset_seconds": offset, "now": moment.isoformat(timespec="seconds")}


@router.get("/clock")
def show_clock(request: Request, services: Services = Depends(get_services)) -> Response:
    caller(request, services)
    return answer(_clock_state(services))


@router.post("/clock")
def move_clock(
    request: Request, raw: bytes = Depends(raw_body), services: Services = Depends(get_services)
) -> Response:
    caller(request, services)
    body = json_object(raw, {"advance_seconds", "reset"})
    seconds = whole_field(body, "advance_seconds")
    back = flag_field(body, "reset", default=False)
    if (seconds is None) == (not back):
        raise SandboxInputError('send either {"advance_seconds": N} or {"reset": true}')
    try:
        if back:
            clock.reset_clock(services.database)
        else:
            clock.advance_clock(services.database, seconds or 0)
    except clock.ClockRefused as refused:
        raise SandboxInputError(str(refused)) from None
    return answer(_clock_state(services))


def _client_ids(request: Request, services: Services, user: SandboxUser) -> list[str]:
    """The one `client_id` of the query (which the user must own), or all the user owns."""
    wanted = request.query_params.get("client_id")
    if wanted is None:
        return owned_client_ids(services.database, user)
    require_owned_client(services.database, user, wanted)
    return [wanted]


@router.get("/faults")
def list_faults(request: Request, services: Services = Depends(get_services)) -> Response:
    user = caller(request, services)
    armed = faults.list_faults(services.database, _client_ids(request, services, user))
    return answer({"faults": [fault.as_json() for fault in armed]})


@router.post("/faults")
def arm_fault(
    request: Request, raw: bytes = Depends(raw_body), services: Services = Depends(get_services)
) -> Response:
    user = caller(request, services)
    body = json_object(raw, {"client_id", "kind", "count", "delay_ms", "retry_after"})
    client_id = text_field(body, "client_id")
    kind = body.get("kind")
    if isinstance(kind, int) and not isinstance(kind, bool):
        kind = str(kind)
    if not isinstance(kind, str):
        raise SandboxInputError(f"kind is required: one of {', '.join(faults.KINDS)}")
    count = whole_field(body, "count")
    if count is None:
        raise SandboxInputError("count is required: how many calls the fault hits")
    delay_ms, retry_after = whole_field(body, "delay_ms"), whole_field(body, "retry_after")
    faults.check_fault(kind, count, delay_ms, retry_after)
    require_owned_client(services.database, user, client_id)
    fault = faults.arm_fault(
        services.database,
        client_id=client_id,
        kind=kind,
        count=count,
        delay_ms=delay_ms,
        retry_after=retry_after,
        user_id=user.user_id,
    )
    return answer(fault.as_json(), 201)


@router.delete("/faults")
def clear_faults(request: Request, services: Services = Depends(get_services)) -> Response:
    user = caller(request, services)
    cleared = faults.clear_faults(services.database, _client_ids(request, services, user))
    return answer({"cleared": cleared})
