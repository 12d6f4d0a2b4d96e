"""Mounts every page flow of the web app, its static files and its 4xx pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.exception_handlers import http_exception_handler
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.staticfiles import StaticFiles

from bilag.web import (
    app_routes,
    application_credentials,
    applications,
    authorize,
    debugger,
    demo,
    endsession,
    kassekladde,
    kassekladde_booking,
    login,
    overview,
    reports,
    sales,
    sandbox,
    settings,
    settings_api_keys,
    settings_people,
    usage,
    vouchers,
)
from bilag.web.login import login_url
from bilag.web.security import PageError, redirect
from bilag.web.shell import LoginRequired, OrganizationRefused
from bilag.web.shell_texts import SHELL_TEXTS
from bilag.web.templating import language_of, page, render

STATIC_DIR = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Add the page routes to the app."""
    page_flows = (authorize, login, endsession, debugger, demo, app_routes, overview)
    page_flows += (settings, settings_api_keys, settings_people)
    page_flows += (applications, application_credentials)
    page_flows += sales.PAGE_FLOWS
    page_flows += (vouchers,)
    page_flows += (kassekladde, kassekladde_booking, reports)
    page_flows += (sandbox,)
    page_flows += (usage,)
    page_routes: list[BaseRoute] = []
    for module in page_flows:
        app.router.routes.extend(module.router.routes)
        page_routes += module.router.routes
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(PageError, _page_error)  # type: ignore[arg-type]
    app.add_exception_handler(LoginRequired, _login_required)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _method_refusal(page_routes))


def _method_refusal(
    page_routes: list[BaseRoute],
) -> Callable[[Request, Exception], Awaitable[Response]]:
    """A 405 page, naming the allowed methods, when a page is asked with a method it does not
    take; every other HTTP error is answered as Starlette would."""

    async def on_http_exception(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        methods = set()
        if error.status_code == 405:
            for route in page_routes:
                if route.matches(request.scope)[0] is Match.PARTIAL:
                    methods |= getattr(route, "methods", None) or set()
        if methods:
            allowed = ", ".join(sorted(methods))
            refusal = PageError(
                405,
                f"{request.method} is not allowed here; use {allowed}.",
                title="Method not allowed",
                headers={"Allow": allowed},
            )
            return await _page_error(request, refusal)
        return await http_exception_handler(request, error)

    return on_http_exception


async def _login_required(_request: Request, error: LoginRequired) -> Response:
    return redirect(login_url(error.return_to), status_code=302)


async def _page_error(request: Request, error: PageError) -> Response:
    if isinstance(error, OrganizationRefused):
        language = language_of(request)
        return render(
            "app/refusal.html",
            language=language,
            texts=(SHELL_TEXTS,),
            status_code=error.status_code,
            title=error.title,
            message=error.message,
            organizations=error.choices,
        )
    return page(
        "error.html",
        status_code=error.status_code,
        headers=error.headers,
        title=error.title,
        error="",
        message=error.message,
        error_id="",
    )
