"""Indstillinger > Fakturaindstillinger: the organization's invoice settings (defaults for new
invoices, reminder fee and interest, FIK and the bank account printed on invoices). The API has
no endpoint for them, so the page reads and writes `storage.invoice_settings` itself."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.chart import account_numbers
from bilag.storage.invoice_settings import get_invoice_settings, set_invoice_settings
from bilag.web.forms import Fields, read_query, single
from bilag.web.sales_settings_form import CONDITION_TYPES, form_values, read_settings_form
from bilag.web.sales_texts import SALES_TEXTS
from bilag.web.security import redirect, services_of
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)
PATH = "/app/{organization_id}/settings/invoices"


def _current(request: Request, organization_id: int) -> dict[str, str]:
    with services_of(request).database.read() as session:
        return form_values(get_invoice_settings(session, organization_id))


def _save(
    request: Request, organization_id: int, fields: Fields
) -> tuple[dict[str, str], dict[str, str]]:
    """Validate and store in one transaction; the values shown and the problems found."""
    with services_of(request).database.write() as session:
        form = read_settings_form(fields, account_numbers(session, organization_id))
        if not form.problems:
            set_invoice_settings(session, organization_id, **form.changes)
    return form.values, form.problems


def _page(
    request: Request,
    ctx: OrgContext,
    values: dict[str, str],
    problems: dict[str, str] | None = None,
    saved: bool = False,
) -> Response:
    texts = SALES_TEXTS[ctx.language]
    return app_page(
        request,
        ctx,
        "sales/settings.html",
        texts=SALES_TEXTS,
        active="settings",
        title=texts["invoice_settings"],
        status_code=422 if problems else 200,
        values=values,
        problems=problems or {},
        saved=saved,
        condition_types=CONDITION_TYPES,
    )


@router.get(PATH)
async def invoice_settings_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    saved = single(read_query(request), "done", max_length=10) == "saved"
    values = await run_in_threadpool(_current, request, ctx.organization_id)
    return _page(request, ctx, values, saved=saved)


@router.post(PATH)
async def save_invoice_settings(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    values, problems = await run_in_threadpool(_save, request, ctx.organization_id, fields)
    if problems:
        return _page(request, ctx, values, problems)
    return redirect(f"/app/{ctx.organization_id}/settings/invoices?done=saved")
