"""The shell's own routes: /app picks an organization, the switcher, the language toggle."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.web.forms import read_query, single
from bilag.web.security import PageError, local_return_path, redirect, services_of
from bilag.web.shell import app_url, organizations_for, require_login
from bilag.web.shell_texts import SHELL_TEXTS
from bilag.web.templating import LANGUAGE_COOKIE, LANGUAGES, language_of, render

router = APIRouter(include_in_schema=False)

HOME_PAGE = "overview"
_ONE_YEAR = 365 * 24 * 3600


@router.get("/app")
async def choose_organization(request: Request) -> Response:
    live = await require_login(request)
    choices = await run_in_threadpool(organizations_for, request, live.user_id)
    if choices:
        return redirect(app_url(choices[0].id, HOME_PAGE), status_code=302)
    language = language_of(request)
    return render(
        "app/refusal.html",
        language=language,
        texts=(SHELL_TEXTS,),
        title=SHELL_TEXTS[language]["noorganizations_for_title"],
        message=SHELL_TEXTS[language]["noorganizations_for"],
        organizations=(),
    )


@router.get("/app/switch")
async def switch_organization(request: Request) -> Response:
    raw = single(read_query(request), "organization", max_length=12) or ""
    if not raw.isdigit():
        raise PageError(400, "organization must be an organization id (a number).")
    return redirect(app_url(int(raw), HOME_PAGE), status_code=302)


@router.get("/app/language")
async def toggle_language(request: Request) -> Response:
    query = read_query(request)
    language = single(query, "to", max_length=5) or ""
    if language not in LANGUAGES:
        raise PageError(400, f"to must be one of {', '.join(LANGUAGES)}.")
    response = redirect(
        local_return_path(single(query, "next", max_length=8192)) or "/app", status_code=302
    )
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=_ONE_YEAR,
        path="/",
        secure=services_of(request).settings.cookies_secure,
        httponly=True,
        samesite="lax",
    )
    return response


@router.get("/app/{organization_id}")
async def organization_home(organization_id: str) -> Response:
    if not organization_id.isdigit():
        raise PageError(404, f"No page is at /app/{organization_id}.", title="Not found")
    return redirect(app_url(int(organization_id), HOME_PAGE), status_code=302)


@router.get("/developer")
async def developer_home() -> Response:
    return redirect("/developer/applications", status_code=302)
