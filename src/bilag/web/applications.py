"""The developer portal's My Applications: the list, a new application, and its details.

Only the owner sees or changes an application; anyone else gets the same 404 as for a client id
that does not exist. Creating a web or service application shows its first secret once, on a
page that is never cached; see `application_credentials` for generating a new one.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.applications import create_application, redirect_uris_of, scopes_of
from bilag.identity.owned_applications import (
    applications_owned_by,
    get_owned_application,
    live_secret_of,
    set_redirect_uris,
)
from bilag.storage.models import Application
from bilag.web.application_form import (
    MAX_URIS_TEXT,
    SCOPE_CHOICES,
    ApplicationDraft,
    ApplicationForm,
    read_application_form,
)
from bilag.web.applications_texts import TEXTS
from bilag.web.forms import read_form, single
from bilag.web.portal import PortalContext, portal_context, portal_page
from bilag.web.security import PageError, redirect, require_csrf, services_of

router = APIRouter(include_in_schema=False)

LIST_PATH = "/developer/applications"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def application_path(client_id: str) -> str:
    return f"{LIST_PATH}/{client_id}"


def not_found(client_id: str) -> PageError:
    return PageError(404, f"You have no application with client ID {client_id}.", title="Not found")


@router.get(LIST_PATH)
async def list_applications(request: Request) -> Response:
    ctx = await portal_context(request)
    applications = await run_in_threadpool(_owned, request, ctx.live.user_id)
    t = TEXTS[ctx.language]
    return portal_page(
        request, ctx, "applications/list.html", texts=TEXTS, active="applications",
        title=t["applications_title"], applications=applications,
    )  # fmt: skip


@router.get(f"{LIST_PATH}/new")
async def new_application_form(request: Request) -> Response:
    ctx = await portal_context(request)
    return _form_page(request, ctx, ApplicationForm())


@router.post(f"{LIST_PATH}/new")
async def create(request: Request) -> Response:
    ctx = await portal_context(request)
    fields = await read_form(request)
    require_csrf(ctx.live, fields)
    t = TEXTS[ctx.language]
    form, draft = read_application_form(fields, t)
    if draft is None:
        return _form_page(request, ctx, form, status_code=422)
    created = await run_in_threadpool(_create, request, ctx, draft)
    if created is None:
        form.errors["name"] = t["error_name_taken"]
        return _form_page(request, ctx, form, status_code=409)
    client_id, secret = created
    if secret is None:
        return redirect(application_path(client_id))
    return portal_page(
        request, ctx, "applications/secret.html", texts=TEXTS, active="applications",
        title=t["secret_title"], headers=NO_STORE, client_id=client_id, secret=secret,
        notice=t["created_once"],
    )  # fmt: skip


@router.get(f"{LIST_PATH}/{{client_id}}")
async def application_details(request: Request, client_id: str) -> Response:
    ctx = await portal_context(request)
    saved = request.query_params.get("saved") == "redirect-uris"
    return await run_in_threadpool(_details_page, request, ctx, client_id, saved=saved)


@router.post(f"{LIST_PATH}/{{client_id}}/redirect-uris")
async def save_redirect_uris(request: Request, client_id: str) -> Response:
    ctx = await portal_context(request)
    fields = await read_form(request)
    require_csrf(ctx.live, fields)
    text = single(fields, "redirect_uris", max_length=MAX_URIS_TEXT) or ""
    uris = [line.strip() for line in text.splitlines() if line.strip()]
    problem = await run_in_threadpool(_save_redirect_uris, request, ctx, client_id, uris)
    if problem is None:
        return redirect(application_path(client_id) + "?saved=redirect-uris")
    error = TEXTS[ctx.language]["error_redirect_uris"] + " " + problem
    return await run_in_threadpool(
        _details_page, request, ctx, client_id, error=error, uris_text=text, status_code=422
    )


def _owned(request: Request, user_id: int) -> list[Application]:
    with services_of(request).database.read() as session:
        return applications_owned_by(session, user_id)


def _create(
    request: Request, ctx: PortalContext, draft: ApplicationDraft
) -> tuple[str, str | None] | None:
    """The new client id and first secret, or None when the name is taken (also when another
    request takes it at the same moment: the unique index answers then)."""
    services = services_of(request)
    try:
        with services.database.write() as session:
            if session.scalar(select(Application.id).where(Application.name == draft.name)):
                return None
            application, secret = create_application(
                session,
                name=draft.name,
                pepper=services.settings.secret_pepper,
                app_type=draft.app_type,
                redirect_uris=draft.redirect_uris,
                scopes=draft.scopes,
                offline_access=draft.offline_access,
                refresh_token_usage=draft.refresh_token_usage,
                refresh_token_lifetime_days=draft.refresh_token_lifetime_days,
                refresh_grace_seconds=draft.refresh_grace_seconds,
                owner_user_id=ctx.live.user_id,
            )
            return application.client_id, secret
    except IntegrityError:
        return None


def _save_redirect_uris(
    request: Request, ctx: PortalContext, client_id: str, uris: list[str]
) -> str | None:
    with services_of(request).database.write() as session:
        application = get_owned_application(session, ctx.live.user_id, client_id)
        if application is None:
            raise not_found(client_id)
        try:
            set_redirect_uris(session, application, uris)
        except ValueError as problem:
            return str(problem)
    return None


def _details_page(
    request: Request,
    ctx: PortalContext,
    client_id: str,
    *,
    saved: bool = False,
    error: str = "",
    uris_text: str | None = None,
    status_code: int = 200,
) -> Response:
    with services_of(request).database.read() as session:
        application = get_owned_application(session, ctx.live.user_id, client_id)
        if application is None:
            raise not_found(client_id)
        secret = live_secret_of(session, application)
        uris = redirect_uris_of(application)
        scopes = sorted(scopes_of(application))
    return portal_page(
        request, ctx, "applications/detail.html", texts=TEXTS, active="applications",
        title=application.name, status_code=status_code, application=application,
        secret_view=secret, redirect_uris=uris, scopes=scopes, saved=saved, error=error,
        uris_text="\n".join(uris) if uris_text is None else uris_text,
    )  # fmt: skip


def _form_page(
    request: Request, ctx: PortalContext, form: ApplicationForm, *, status_code: int = 200
) -> Response:
    return portal_page(
        request, ctx, "applications/new.html", texts=TEXTS, active="applications",
        title=TEXTS[ctx.language]["new_title"], status_code=status_code, form=form,
        scope_choices=SCOPE_CHOICES,
    )  # fmt: skip
