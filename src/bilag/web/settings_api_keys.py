"""Indstillinger > API-nøgler: create a key (shown once, on a page never cached) and revoke one
after a confirmation; revoking stops every token the key fetched (`api_keys.revoke_api_key`)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.api_keys import (
    MAX_KEY_NAME,
    ApiKeyNotFound,
    ApiKeyView,
    api_key_name_problem,
    api_keys_of,
    revoke_api_key,
)
from bilag.identity.organizations import create_api_key
from bilag.storage.models import Organization
from bilag.web.forms import single
from bilag.web.security import PageError, redirect, services_of
from bilag.web.settings import path_number, settings_path
from bilag.web.settings_texts import TEXTS
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)

KEYS = "/app/{organization_id}/settings/api-keys"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@router.get(KEYS)
async def api_keys(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    revoked = request.query_params.get("revoked") == "1"
    return await run_in_threadpool(_keys_page, request, ctx, notice_revoked=revoked)


@router.post(KEYS)
async def create_key(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    name = (single(fields, "name", max_length=MAX_KEY_NAME * 2) or "").strip()
    problem = api_key_name_problem(name)
    if problem is not None:
        error = TEXTS[ctx.language][f"error_key_name_{problem}"].format(limit=MAX_KEY_NAME)
        return await run_in_threadpool(
            _keys_page, request, ctx, error=error, name=name, status_code=422
        )
    key = await run_in_threadpool(_create, request, ctx.organization_id, name)
    return app_page(
        request, ctx, "settings/api_key_created.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["key_created_title"], headers=NO_STORE, key=key, name=name,
    )  # fmt: skip


@router.get(KEYS + "/{key_id}/revoke")
async def confirm_revoke(request: Request, organization_id: str, key_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    key = await run_in_threadpool(_live_key, request, ctx, path_number(key_id, "API key"))
    return app_page(
        request, ctx, "settings/api_key_revoke.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["revoke_key_title"], key=key,
    )  # fmt: skip


@router.post(KEYS + "/{key_id}/revoke")
async def revoke_key(request: Request, organization_id: str, key_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    await read_app_form(request, ctx)
    await run_in_threadpool(_revoke, request, ctx, path_number(key_id, "API key"))
    return redirect(settings_path(ctx.organization_id, "api-keys") + "?revoked=1")


def _create(request: Request, organization_id: int, name: str) -> str:
    services = services_of(request)
    with services.database.write() as session:
        organization = session.get(Organization, organization_id)
        assert organization is not None  # org_context has just found it
        return create_api_key(
            session, organization=organization, pepper=services.settings.secret_pepper, name=name
        )


def _live_key(request: Request, ctx: OrgContext, key_id: int) -> ApiKeyView:
    with services_of(request).database.read() as session:
        keys = api_keys_of(session, ctx.organization_id)
    for key in keys:
        if key.id == key_id and key.revoked_at is None:
            return key
    raise PageError(404, TEXTS[ctx.language]["key_not_found"], title="Not found")


def _revoke(request: Request, ctx: OrgContext, key_id: int) -> None:
    try:
        with services_of(request).database.write() as session:
            revoke_api_key(session, ctx.organization_id, key_id)
    except ApiKeyNotFound:
        raise PageError(404, TEXTS[ctx.language]["key_not_found"], title="Not found") from None


def _keys_page(
    request: Request,
    ctx: OrgContext,
    *,
    notice_revoked: bool = False,
    error: str = "",
    name: str = "",
    status_code: int = 200,
) -> Response:
    with services_of(request).database.read() as session:
        keys = api_keys_of(session, ctx.organization_id)
    return app_page(
        request, ctx, "settings/api_keys.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["api_keys_title"], status_code=status_code, keys=keys,
        notice_revoked=notice_revoked, error=error, name=name,
    )  # fmt: skip
