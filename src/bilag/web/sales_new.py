"""A new invoice draft from the web: a contact, a date and a few lines (a product or a
description, quantity, price excl. VAT, account), created through the invoices endpoint, which
prices and validates it. A chosen product fills the price, account and unit left empty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.invoice_settings import get_invoice_settings
from bilag.storage.models import Product
from bilag.web.amounts import parse_amount
from bilag.web.api_client import call_api
from bilag.web.contacts_reads import contact_choices
from bilag.web.forms import Fields, single
from bilag.web.sales_texts import SALES_TEXTS
from bilag.web.security import redirect, services_of
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)
PATH = "/app/{organization_id}/sales/invoices/new"
LINES = 3
LINE_FIELDS = ("product", "description", "quantity", "price", "account")
DEFAULT_UNIT = "parts"  # stk.; a product brings its own


@dataclass(frozen=True)
class Choices:
    contacts: list[tuple[str, str]]
    products: dict[str, Product]
    default_account: int


def _choices(request: Request, organization_id: int) -> Choices:
    with services_of(request).database.read() as session:
        products = list(
            session.scalars(
                select(Product)
                .where(Product.organization_id == organization_id, Product.deleted_at.is_(None))
                .order_by(func.lower(func.coalesce(Product.name, "")))
                .limit(500)
            )
        )
        session.expunge_all()
        return Choices(
            contacts=contact_choices(session, organization_id),
            products={product.guid: product for product in products},
            default_account=get_invoice_settings(session, organization_id).default_account_number,
        )


def _blank(choices: Choices) -> dict[str, str]:
    values = {"contact": "", "date": date.today().isoformat(), "description": ""}
    for index in range(LINES):
        values.update({f"{name}_{index}": "" for name in LINE_FIELDS})
        values[f"quantity_{index}"] = "1"
        values[f"account_{index}"] = str(choices.default_account)
    return values


def _posted(fields: Fields) -> dict[str, str]:
    names = ["contact", "date", "description"]
    names += [f"{name}_{index}" for index in range(LINES) for name in LINE_FIELDS]
    return {name: (single(fields, name, max_length=2000) or "").strip() for name in names}


def _number(raw: str) -> Any:
    """A number for the API, or the text itself so that the API names what is wrong."""
    parsed = parse_amount(raw)
    return raw if parsed is None else float(parsed)


def _line(values: dict[str, str], index: int, products: dict[str, Product]) -> dict[str, Any]:
    line = {name: values[f"{name}_{index}"] for name in LINE_FIELDS}
    product = products.get(line["product"])
    body: dict[str, Any] = {
        "LineType": "Product",
        "Description": line["description"],
        "Unit": DEFAULT_UNIT,
    }
    if product is not None:
        body["ProductGuid"] = product.guid
        body["Unit"] = product.unit
        line["price"] = line["price"] or product.base_amount
        line["account"] = line["account"] or str(product.account_number)
    elif line["product"]:
        body["ProductGuid"] = line["product"]  # gone meanwhile: the API names it
    body["Quantity"] = _number(line["quantity"] or "1")
    body["BaseAmountValue"] = _number(line["price"] or "0")
    account = line["account"]
    body["AccountNumber"] = int(account) if account.isdigit() and len(account) < 10 else account
    return body


def invoice_body(values: dict[str, str], products: dict[str, Product]) -> dict[str, Any]:
    """The invoice draft; a line with neither product, description nor price is left out."""
    lines = [
        _line(values, index, products)
        for index in range(LINES)
        if values[f"product_{index}"] or values[f"description_{index}"] or values[f"price_{index}"]
    ]
    return {
        "ContactGuid": values["contact"] or None,
        "Date": values["date"] or None,
        "Description": values["description"] or None,
        "ProductLines": lines,
    }


def _page(
    request: Request,
    ctx: OrgContext,
    choices: Choices,
    values: dict[str, str],
    problem: str = "",
    status_code: int = 200,
) -> Response:
    return app_page(
        request,
        ctx,
        "sales/new_invoice.html",
        texts=SALES_TEXTS,
        active="invoices",
        title=SALES_TEXTS[ctx.language]["new_invoice"],
        status_code=status_code,
        values=values,
        contacts=choices.contacts,
        products=list(choices.products.values()),
        lines=range(LINES),
        problem=problem,
    )


@router.get(PATH)
async def new_invoice_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    choices = await run_in_threadpool(_choices, request, ctx.organization_id)
    return _page(request, ctx, choices, _blank(choices))


@router.post(PATH)
async def create_invoice(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    values = _posted(await read_app_form(request, ctx))
    choices = await run_in_threadpool(_choices, request, ctx.organization_id)
    body = invoice_body(values, choices.products)
    reply = await call_api(request, ctx, "POST", f"/v1/{ctx.organization_id}/invoices", json=body)
    if not reply.ok:
        status = reply.status if 400 <= reply.status < 500 else 502
        return _page(request, ctx, choices, values, reply.problem, status)
    guid = (reply.json or {}).get("Guid", "")
    return redirect(f"/app/{ctx.organization_id}/sales/invoices/{guid}?done=created")
