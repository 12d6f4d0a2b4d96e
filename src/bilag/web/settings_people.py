"""Indstillinger > Brugere and Autoriserede apps: who has access to the organization, and the
applications its users have authorized, each of which can be revoked at once."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.authorized_apps import (
    AuthorizedAppNotFound,
    authorized_apps_of,
    revoke_authorized_app,
)
from bilag.identity.first_party import WEB_CLIENT_ID
from bilag.identity.members import (
    MembershipProblem,
    add_member_by_email,
    members_of,
    remove_member,
)
from bilag.web.forms import single
from bilag.web.security import PageError, redirect, services_of
from bilag.web.settings import path_number, settings_path
from bilag.web.settings_texts import TEXTS
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)

USERS = "/app/{organization_id}/settings/users"
APPS = "/app/{organization_id}/settings/applications"
MAX_EMAIL = 320
# The web app's own client: its grants live and die with browser sessions (logging out).
HIDDEN_CLIENT_IDS = (WEB_CLIENT_ID,)


@router.get(USERS)
async def users(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    done = request.query_params.get("done", "")
    return await run_in_threadpool(_users_page, request, ctx, done=done)


@router.post(USERS)
async def add_user(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    email = (single(fields, "email", max_length=MAX_EMAIL) or "").strip()
    problem = await run_in_threadpool(_add, request, ctx.organization_id, email)
    if problem is None:
        return redirect(settings_path(ctx.organization_id, "users") + "?done=added")
    error = TEXTS[ctx.language][f"error_{problem.reason}"].format(email=email)
    status = 404 if problem.reason == "no_such_user" else 409
    status = 422 if problem.reason == "email_missing" else status
    return await run_in_threadpool(
        _users_page, request, ctx, error=error, email=email, status_code=status
    )


@router.post(USERS + "/{user_id}/remove")
async def remove_user(request: Request, organization_id: str, user_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    await read_app_form(request, ctx)
    member_id = path_number(user_id, "user")
    problem = await run_in_threadpool(_remove, request, ctx.organization_id, member_id)
    if problem is not None:
        error = TEXTS[ctx.language][f"error_{problem.reason}"]
        status = 404 if problem.reason == "not_member" else 409
        return await run_in_threadpool(_users_page, request, ctx, error=error, status_code=status)
    if member_id == ctx.live.user_id:
        return redirect("/app")  # no longer a member: back to the organizations one has
    return redirect(settings_path(ctx.organization_id, "users") + "?done=removed")


@router.get(APPS)
async def authorized_apps(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    revoked = request.query_params.get("revoked") == "1"
    return await run_in_threadpool(_apps_page, request, ctx, revoked=revoked)


@router.post(APPS + "/{grant_id}/revoke")
async def revoke_app(request: Request, organization_id: str, grant_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    await read_app_form(request, ctx)
    await run_in_threadpool(_revoke, request, ctx, grant_id)
    return redirect(settings_path(ctx.organization_id, "applications") + "?revoked=1")


def _add(request: Request, organization_id: int, email: str) -> MembershipProblem | None:
    try:
        with services_of(request).database.write() as session:
            add_member_by_email(session, organization_id, email)
    except MembershipProblem as problem:
        return problem
    return None


def _remove(request: Request, organization_id: int, user_id: int) -> MembershipProblem | None:
    try:
        with services_of(request).database.write() as session:
            remove_member(session, organization_id, user_id)
    except MembershipProblem as problem:
        return problem
    return None


def _revoke(request: Request, ctx: OrgContext, grant_id: str) -> None:
    try:
        with services_of(request).database.write() as session:
            revoke_authorized_app(session, ctx.organization_id, grant_id)
    except AuthorizedAppNotFound:
        raise PageError(404, TEXTS[ctx.language]["app_not_found"], title="Not found") from None


def _users_page(
    request: Request,
    ctx: OrgContext,
    *,
    done: str = "",
    error: str = "",
    email: str = "",
    status_code: int = 200,
) -> Response:
    with services_of(request).database.read() as session:
        members = members_of(session, ctx.organization_id)
    return app_page(
        request, ctx, "settings/users.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["users_title"], status_code=status_code, members=members,
        done=done if done in ("added", "removed") else "", error=error, email=email,
    )  # fmt: skip


def _apps_page(request: Request, ctx: OrgContext, *, revoked: bool) -> Response:
    with services_of(request).database.read() as session:
        apps = authorized_apps_of(session, ctx.organization_id, hidden_client_ids=HIDDEN_CLIENT_IDS)
    return app_page(
        request, ctx, "settings/applications.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["authorized_apps_title"], apps=apps, revoked=revoked,
    )  # fmt: skip
