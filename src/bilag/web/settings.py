"""Indstillinger: the settings index and the Pro subscription of an organization.

Who may change settings: every member. bilag has no roles yet (docs/decisions.md), so the
pages check only the session and the membership (`shell.org_context`) and, for every form, the
session's CSRF token (`shell.read_app_form`).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.members import set_pro
from bilag.web.forms import single
from bilag.web.security import PageError, redirect, services_of
from bilag.web.settings_texts import TEXTS
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)

SECTIONS = (
    ("api-keys", "api_keys"),
    ("subscription", "subscription"),
    ("users", "users"),
    ("applications", "authorized_apps"),
    ("invoices", "invoice_settings"),
)


def settings_path(organization_id: int, section: str = "") -> str:
    return f"/app/{organization_id}/settings" + (f"/{section}" if section else "")


def path_number(raw: str, what: str) -> int:
    """A numeric id from the path; anything else is a 404 naming it."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        raise PageError(404, f"There is no {what} {raw}.", title="Not found")
    return int(raw)


@router.get("/app/{organization_id}/settings")
async def settings_index(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    return app_page(
        request, ctx, "settings/index.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["settings_title"], sections=SECTIONS,
    )  # fmt: skip


@router.get("/app/{organization_id}/settings/subscription")
async def subscription(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    changed = request.query_params.get("changed", "")
    return _subscription_page(request, ctx, is_pro=ctx.is_pro, changed=changed)


@router.post("/app/{organization_id}/settings/subscription")
async def change_subscription(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    wanted = single(fields, "pro", max_length=10)
    if wanted not in ("on", "off"):
        raise PageError(400, "Send pro=on or pro=off.", title="Bad request")
    await run_in_threadpool(_set_pro, request, ctx.organization_id, wanted == "on")
    return redirect(settings_path(ctx.organization_id, "subscription") + f"?changed={wanted}")


def _set_pro(request: Request, organization_id: int, enabled: bool) -> None:
    with services_of(request).database.write() as session:
        set_pro(session, organization_id, enabled=enabled)


def _subscription_page(
    request: Request, ctx: OrgContext, *, is_pro: bool, changed: str
) -> Response:
    return app_page(
        request, ctx, "settings/subscription.html", texts=TEXTS, active="settings",
        title=TEXTS[ctx.language]["subscription_title"], is_pro=is_pro,
        changed=changed if changed in ("on", "off") else "",
    )  # fmt: skip
