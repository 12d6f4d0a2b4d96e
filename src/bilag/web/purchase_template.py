"""The purchase-voucher template (købsbilag), the guided form the FAQ says users expect for an
expense: upload the receipt, pick the expense account, see the VAT, save a draft, then book it
on the voucher's page.

Every write goes through the API (`call_api`): the receipt to `POST /v1/{org}/files` as soon as
the form is posted (so that "Beregn" keeps it), the draft to `POST /v1.2/{org}/vouchers/purchase`.
An uploaded receipt stays invisible until a voucher uses it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from bilag.ledger.accounts import Account
from bilag.storage.chart import chart_accounts
from bilag.storage.purchase_choices import (
    ContactChoice,
    contact_choices,
    deposit_accounts,
    expense_accounts,
)
from bilag.web.api_client import call_api
from bilag.web.forms import single
from bilag.web.purchase_form import (
    PURCHASE_VAT_TYPES,
    PurchaseForm,
    api_body,
    api_field_errors,
    blank_form,
    local_problems,
    read_purchase_form,
    vat_preview,
    with_file,
)
from bilag.web.security import redirect, services_of
from bilag.web.shell import OrgContext, app_page, org_context, read_app_upload
from bilag.web.voucher_texts import TEXTS, money

router = APIRouter(include_in_schema=False)
PATH = "/app/{organization_id}/vouchers/purchase/new"
MAX_FORM_BYTES = 7 * 1024 * 1024  # the API takes files of up to 6 MB


@dataclass(frozen=True)
class Choices:
    suggested: list[Account]  # expense accounts used before, most used first
    others: list[Account]
    deposits: list[Account]
    contacts: list[ContactChoice]
    chart: dict[int, Account]


def _choices(request: Request, organization_id: int) -> Choices:
    with services_of(request).database.read() as session:
        accounts = expense_accounts(session, organization_id)
        return Choices(
            suggested=[account for account, used in accounts if used],
            others=[account for account, used in accounts if not used],
            deposits=deposit_accounts(session, organization_id),
            contacts=contact_choices(session, organization_id),
            chart={a.number: a for a in chart_accounts(session, organization_id)},
        )


def _render(
    request: Request,
    ctx: OrgContext,
    choices: Choices,
    form: PurchaseForm,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    texts = TEXTS[ctx.language]
    preview = vat_preview(form, choices.chart)
    shown_preview = None
    if preview is not None:
        shown_preview = {
            "code": preview.code or "-",
            "excl": money(preview.excl_vat, ctx.language),
            "vat": money(preview.vat, ctx.language),
            "incl": money(preview.incl_vat, ctx.language),
            "reverse": preview.reverse_charge,
        }
    vat_types = [
        (
            vat.code,
            vat.name,
            int(vat.rate * 100),
            "purchase" if vat.amount_includes_vat else "reverse",
        )
        for vat in PURCHASE_VAT_TYPES
    ]
    return app_page(
        request,
        ctx,
        "vouchers/purchase_new.html",
        texts=TEXTS,
        active="vouchers",
        title=texts["purchase_title"],
        status_code=status_code,
        form=form,
        errors=errors or {},
        choices=choices,
        vat_types=vat_types,
        preview=shown_preview,
    )


@router.get(PATH)
async def new_purchase(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    choices = await run_in_threadpool(_choices, request, ctx.organization_id)
    default_deposit = choices.deposits[0].number if choices.deposits else None
    return _render(request, ctx, choices, blank_form(date.today(), default_deposit))


async def _upload(request: Request, ctx: OrgContext, upload: UploadFile) -> tuple[str, str]:
    """The receipt's FileGuid (and name) from the API; ("", problem) when it is refused."""
    content = await upload.read()
    name = (upload.filename or "receipt").replace("\\", "/").rsplit("/", 1)[-1][:255]
    boundary = secrets.token_hex(16)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="receipt"\r\n'
        f"Content-Type: {upload.content_type or 'application/octet-stream'}\r\n\r\n"
    )
    body = head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
    reply = await call_api(
        request,
        ctx,
        "POST",
        f"/v1/{ctx.organization_id}/files",
        content=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        params={"fileName": name},
    )
    if not reply.ok or not isinstance(reply.json, dict):
        return "", reply.problem
    return str(reply.json.get("FileGuid") or ""), name


@router.post(PATH)
async def post_purchase(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    texts = TEXTS[ctx.language]
    fields, files = await read_app_upload(request, ctx, max_bytes=MAX_FORM_BYTES)
    form = read_purchase_form(fields)
    saving = single(fields, "action", max_length=10) == "save"
    errors: dict[str, str] = {}
    receipt = files.get("receipt")
    if receipt is not None:
        guid, name_or_problem = await _upload(request, ctx, receipt)
        if guid:
            form = with_file(form, guid, name_or_problem)
        else:
            errors["file"] = f"{texts['upload_failed']}: {name_or_problem}"
    errors.update({field: texts[key] for field, key in local_problems(form).items()})
    choices = await run_in_threadpool(_choices, request, ctx.organization_id)
    if errors:
        return _render(request, ctx, choices, form, errors=errors, status_code=400)
    if not saving:
        return _render(request, ctx, choices, form)
    path = f"/v1.2/{ctx.organization_id}/vouchers/purchase"
    reply = await call_api(request, ctx, "POST", path, json=api_body(form))
    created: Any = reply.json
    if reply.ok and isinstance(created, dict) and created.get("Guid"):
        href = f"/app/{ctx.organization_id}/vouchers/purchase/{created['Guid']}"
        return redirect(f"{href}?done=saved")
    errors = api_field_errors(created)
    if "" in errors or not errors:
        errors[""] = reply.problem
    status = reply.status if 400 <= reply.status < 500 else 502
    return _render(request, ctx, choices, form, errors=errors, status_code=status)
