"""The developer portal's Sandbox page (`/developer/sandbox`): a form per sandbox control.

Shown only in sandbox mode (404 otherwise). Every form is CSRF-checked and answers with a
redirect back to the page and a notice; a refused one shows the page again with the problem.
The controls are the same functions the JSON endpoints and `bilag sandbox` call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.organizations import organizations_of
from bilag.identity.sandbox import clock, faults, people
from bilag.identity.sandbox.access import (
    SandboxUser,
    faultable_applications,
    owned_client_ids,
    require_member,
    require_owned_client,
)
from bilag.identity.sandbox.errors import SandboxError, SandboxInputError
from bilag.identity.sandbox.reset import reset_organization
from bilag.storage.db import Database
from bilag.web.forms import Fields, read_form, read_query, single
from bilag.web.portal import PortalContext, portal_context, portal_page
from bilag.web.sandbox_texts import TEXTS
from bilag.web.security import PageError, redirect, require_csrf, services_of

router = APIRouter(include_in_schema=False)

PAGE = "/developer/sandbox"
DONE = frozenset({"clock", "fault", "cleared", "organization", "user", "reset"})


@dataclass(frozen=True)
class SandboxView:
    offset: int
    now: str
    applications: list[tuple[str, str]]  # (client id, name): the user's own, then nobody's
    faults: list[faults.Fault]
    organizations: list[tuple[int, str]]


async def _context(request: Request) -> PortalContext:
    ctx = await portal_context(request)
    if not ctx.sandbox:
        raise PageError(404, "The sandbox page exists only in sandbox mode.", title="Not found")
    return ctx


@router.get(PAGE)
async def sandbox_page(request: Request) -> Response:
    ctx = await _context(request)
    query = read_query(request)
    done = single(query, "done", max_length=20)
    done_id = single(query, "id", max_length=10) or ""
    notice = ""
    if done in DONE and (done_id.isdigit() or not done_id):
        notice = TEXTS[ctx.language][f"done_{done}"].format(id=done_id)
    return await _show(request, ctx, notice=notice)


async def _show(
    request: Request, ctx: PortalContext, *, notice: str = "", error: str = "", status: int = 200
) -> Response:
    view = await run_in_threadpool(_view, services_of(request).database, ctx.live.user_id)
    texts = TEXTS[ctx.language]
    return portal_page(
        request,
        ctx,
        "sandbox.html",
        texts=TEXTS,
        active="sandbox",
        title=texts["title"],
        status_code=status,
        view=view,
        notice=notice,
        error=error,
        clock_ahead=texts["clock_ahead"].format(seconds=view.offset),
    )


def _view(database: Database, user_id: int) -> SandboxView:
    offset = clock.read_offset(database)
    moment = datetime.now(UTC) + timedelta(seconds=offset)
    applications = faultable_applications(database, SandboxUser(user_id, ""))
    with database.read() as session:
        organizations = [(org.id, org.name) for org in organizations_of(session, user_id)]
    armed = faults.list_faults(database, [client_id for client_id, _ in applications])
    shown = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    return SandboxView(offset, shown, applications, armed, organizations)


Action = Callable[[Database, SandboxUser, Fields], str]


async def _act(request: Request, done: str, action: Action) -> Response:
    """Run a control for the logged-in user: back to the page with a notice, or its error."""
    ctx = await _context(request)
    fields = await read_form(request)
    require_csrf(ctx.live, fields)
    user = SandboxUser(ctx.live.user_id, ctx.live.user_email)
    try:
        done_id = await run_in_threadpool(action, services_of(request).database, user, fields)
    except SandboxError as refused:
        return await _show(request, ctx, error=str(refused), status=refused.status_code)
    suffix = f"&id={done_id}" if done_id else ""
    return redirect(f"{PAGE}?done={done}{suffix}")


def _text(fields: Fields, name: str, *, max_length: int = 1000) -> str:
    return (single(fields, name, max_length=max_length) or "").strip()


def _whole(fields: Fields, name: str) -> int | None:
    value = _text(fields, name, max_length=20)
    if not value:
        return None
    if not value.lstrip("-").isdigit():
        raise SandboxInputError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _advance(database: Database, _user: SandboxUser, fields: Fields) -> str:
    try:
        clock.advance_clock(database, _whole(fields, "advance_seconds") or 0)
    except clock.ClockRefused as refused:
        raise SandboxInputError(str(refused)) from None
    return ""


def _reset_clock(database: Database, _user: SandboxUser, _fields: Fields) -> str:
    clock.reset_clock(database)
    return ""


def _arm(database: Database, user: SandboxUser, fields: Fields) -> str:
    client_id = _text(fields, "client_id", max_length=120)
    kind, count = _text(fields, "kind", max_length=10), _whole(fields, "count")
    delay_ms, retry_after = _whole(fields, "delay_ms"), _whole(fields, "retry_after")
    if kind != "slow":
        delay_ms = None  # the form always sends both boxes; only the kind's own one counts
    if kind != "429":
        retry_after = None
    faults.check_fault(kind, count or 0, delay_ms, retry_after)
    require_owned_client(database, user, client_id)
    fault = faults.arm_fault(
        database,
        client_id=client_id,
        kind=kind,
        count=count or 0,
        delay_ms=delay_ms,
        retry_after=retry_after,
        user_id=user.user_id,
    )
    return str(fault.id)


def _clear(database: Database, user: SandboxUser, _fields: Fields) -> str:
    faults.clear_faults(database, owned_client_ids(database, user))
    return ""


def _organization(database: Database, user: SandboxUser, fields: Fields) -> str:
    organization = people.create_test_organization(
        database,
        name=_text(fields, "name", max_length=300),
        is_pro=_text(fields, "pro") == "on",
        owner_email=user.email,
    )
    return str(organization.id)


def _user(database: Database, _user: SandboxUser, fields: Fields) -> str:
    email = _text(fields, "email", max_length=400)
    people.create_test_user(
        database,
        email=email,
        name=_text(fields, "name", max_length=300) or email,
        password=single(fields, "password", max_length=2000) or "",
    )
    return ""


def _reset(database: Database, user: SandboxUser, fields: Fields) -> str:
    organization_id = _whole(fields, "organization_id")
    if organization_id is None or not 0 < organization_id < 2**31:
        raise SandboxInputError("choose the organization to reset")
    if _text(fields, "confirm") != "yes":
        raise SandboxInputError("tick the box to confirm the reset")
    require_member(database, user, organization_id)
    reset_organization(database, organization_id)
    return str(organization_id)


_ACTIONS: dict[str, tuple[str, Action]] = {
    "clock/advance": ("clock", _advance),
    "clock/reset": ("clock", _reset_clock),
    "faults": ("fault", _arm),
    "faults/clear": ("cleared", _clear),
    "organizations": ("organization", _organization),
    "users": ("user", _user),
    "reset": ("reset", _reset),
}


def _route(path: str, done: str, action: Action) -> None:
    async def handle(request: Request) -> Response:
        return await _act(request, done, action)

    router.add_api_route(f"{PAGE}/{path}", handle, methods=["POST"], name=f"sandbox_{path}")


for _path, (_done, _action) in _ACTIONS.items():
    _route(_path, _done, _action)
