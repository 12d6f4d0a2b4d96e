"""The Debugger ("My Applications > More > Debugger") and the public error page.

The error page shows only the error id, the error and its plain-words cause. The Debugger shows
a logged-in owner the recent failures of their own applications, with the fix and the request's
parameters; `?errorId=` looks one up. Nobody sees another owner's failures.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.debugger import (
    RecordedFailure,
    failures_for_owner,
    get_failure,
    get_public_failure,
)
from bilag.identity.sessions import LiveSession
from bilag.web.forms import read_query, single
from bilag.web.login import login_url
from bilag.web.security import PageError, current_session, redirect, services_of
from bilag.web.templating import page

router = APIRouter(include_in_schema=False)

DEBUGGER_PATH = "/connect/debugger"
_MAX_ERROR_ID = 100


@router.get(DEBUGGER_PATH)
async def debugger(request: Request) -> Response:
    query = read_query(request)
    error_id = (single(query, "errorId", max_length=_MAX_ERROR_ID) or "").strip()
    live = await run_in_threadpool(current_session, request)
    if live is None:
        here = DEBUGGER_PATH + (f"?{request.url.query}" if request.url.query else "")
        return redirect(login_url(here), status_code=302)
    failures = await run_in_threadpool(_failures, request, live, error_id)
    return page(
        "debugger.html",
        status_code=404 if error_id and not failures else 200,
        current=live,
        error_id=error_id,
        failures=failures,
        show_parameters=True,
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


def _failures(request: Request, live: LiveSession, error_id: str) -> list[RecordedFailure]:
    with services_of(request).database.read() as session:
        if not error_id:
            return failures_for_owner(session, live.user_id)
        found = get_failure(session, error_id, live.user_id)
        return [found] if found is not None else []


def _public(request: Request, error_id: str) -> tuple[str, str] | None:
    with services_of(request).database.read() as session:
        return get_public_failure(session, error_id)
