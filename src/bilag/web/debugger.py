"""The Debugger ("My Applications > More > Debugger") and the public error page.

The Debugger, in the developer portal, shows a logged-in owner the recent failures of their own
applications, newest first: failed authorizations, refused token requests and refused API calls,
optionally of one application (`?client=`). `?errorId=` opens one failure: what failed and why,
the request as it was received (secrets redacted when it was recorded), and how to fix it.
The public error page shows only the error id, the error and its plain-words cause. Nobody sees
another owner's failures.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.debugger import (
    RecordedFailure,
    applications_of_owner,
    failures_for_owner,
    get_failure,
    get_public_failure,
)
from bilag.web.debugger_texts import DEBUGGER_TEXTS
from bilag.web.forms import read_query, single
from bilag.web.portal import portal_context, portal_page
from bilag.web.security import PageError, services_of
from bilag.web.templating import page

router = APIRouter(include_in_schema=False)

DEBUGGER_PATH = "/connect/debugger"
_MAX_ERROR_ID = 100


@dataclass(frozen=True)
class DebuggerView:
    failures: list[RecordedFailure]
    selected: RecordedFailure | None
    applications: list[tuple[str, str]]


@router.get(DEBUGGER_PATH)
async def debugger(request: Request) -> Response:
    query = read_query(request)
    error_id = (single(query, "errorId", max_length=_MAX_ERROR_ID) or "").strip()
    client = (single(query, "client", max_length=200) or "").strip() or None
    ctx = await portal_context(request)
    view = await run_in_threadpool(_view, request, ctx.live.user_id, error_id, client)
    return portal_page(
        request,
        ctx,
        "debugger.html",
        texts=DEBUGGER_TEXTS,
        active="debugger",
        title=DEBUGGER_TEXTS[ctx.language]["title"],
        status_code=404 if error_id and view.selected is None else 200,
        error_id=error_id,
        client=client or "",
        view=view,
    )


@router.get("/connect/error")
async def error_page(request: Request) -> Response:
    query = read_query(request)
    error_id = (single(query, "errorId", max_length=_MAX_ERROR_ID) or "").strip()
    if not error_id:
        raise PageError(400, "errorId is missing.")
    found = await run_in_threadpool(_public, request, error_id)
    if found is None:
        raise PageError(404, f"No failed request has the error id {error_id}.", title="Not found")
    error, description = found
    return page(
        "error.html",
        status_code=200,
        title="The authorization request failed",
        error=error,
        message=description,
        error_id=error_id,
    )


def _view(request: Request, user_id: int, error_id: str, client: str | None) -> DebuggerView:
    with services_of(request).database.read() as session:
        applications = applications_of_owner(session, user_id)
        if error_id:
            selected = get_failure(session, error_id, user_id)
            return DebuggerView([], selected, applications)
        failures = failures_for_owner(session, user_id, client_id=client)
        return DebuggerView(failures, None, applications)


def _public(request: Request, error_id: str) -> tuple[str, str] | None:
    with services_of(request).database.read() as session:
        return get_public_failure(session, error_id)
