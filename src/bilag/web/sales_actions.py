"""What the document page does: "Bogfør" and "Registrer betaling" through the API with the
document's Timestamp, and for a trade offer, its answer (storage: the API has none) and
"create an invoice from the offer" (API)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.ledger.errors import LedgerError
from bilag.storage.sales_documents import INVOICE, TRADE_OFFER, get_sales_document
from bilag.storage.trade_offers import check_changeable, set_offer_status
from bilag.web.amounts import parse_amount
from bilag.web.api_client import ApiReply, call_api
from bilag.web.forms import Fields, single
from bilag.web.sales_document import (
    ONE,
    SETTABLE_OFFER_STATUSES,
    api_path,
    document_guid,
    document_kind,
    document_page,
)
from bilag.web.sales_reads import SEGMENTS
from bilag.web.sales_texts import SALES_TEXTS
from bilag.web.security import PageError, redirect, services_of
from bilag.web.shell import OrgContext, org_context, read_app_form

router = APIRouter(include_in_schema=False)


def _timestamp(fields: Fields) -> str:
    return (single(fields, "timestamp", max_length=40) or "").strip()


def _done(ctx: OrgContext, kind: str, guid: str, notice: str) -> Response:
    return redirect(f"/app/{ctx.organization_id}/sales/{SEGMENTS[kind]}/{guid}?done={notice}")


async def _refused(
    request: Request,
    ctx: OrgContext,
    kind: str,
    guid: str,
    reply: ApiReply,
    payment: dict[str, str] | None = None,
) -> Response:
    """The document page again with the API's refusal (and the payment form as it was sent)."""
    status = reply.status if 400 <= reply.status < 500 else 502
    return await document_page(
        request, ctx, kind, guid, problem=reply.problem, payment=payment, status_code=status
    )


@router.post(ONE + "/book")
async def book(request: Request, organization_id: str, segment: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    kind, wanted = document_kind(segment), document_guid(guid)
    if kind == TRADE_OFFER:
        raise PageError(400, "A trade offer is never booked; create an invoice from it.")
    fields = await read_app_form(request, ctx)
    path = api_path(ctx.organization_id, kind, wanted) + "/book"
    reply = await call_api(request, ctx, "POST", path, json={"Timestamp": _timestamp(fields)})
    if not reply.ok:
        return await _refused(request, ctx, kind, wanted, reply)
    return _done(ctx, kind, wanted, "booked")


@router.post(ONE + "/payments")
async def register_payment(
    request: Request, organization_id: str, segment: str, guid: str
) -> Response:
    ctx = await org_context(request, organization_id)
    kind, wanted = document_kind(segment), document_guid(guid)
    if kind == TRADE_OFFER:
        raise PageError(400, "A trade offer takes no payments; create an invoice from it.")
    fields = await read_app_form(request, ctx)
    names = ("payment_date", "amount", "deposit_account", "description")
    form = {name: (single(fields, name, max_length=500) or "").strip() for name in names}
    texts = SALES_TEXTS[ctx.language]
    amount = parse_amount(form["amount"])
    account = form["deposit_account"]
    problems = []
    if amount is None or amount == 0:
        problems.append(f"{texts['amount']}: {form['amount'] or '-'}")
    if not (account.isascii() and account.isdigit() and len(account) < 10):
        problems.append(f"{texts['deposit_account']}: {account or '-'}")
    if problems or amount is None:
        message = texts["payment_invalid"] + " " + "; ".join(problems)
        return await document_page(
            request, ctx, kind, wanted, problem=message, payment=form, status_code=400
        )
    body = {
        "Timestamp": _timestamp(fields),
        "PaymentDate": form["payment_date"] or date.today().isoformat(),
        "Amount": float(amount),  # a 2-decimal amount: its shortest repr is exact
        "DepositAccountNumber": int(account),
        "Description": form["description"] or texts["payment_default_text"],
    }
    path = api_path(ctx.organization_id, kind, wanted) + "/payments"
    reply = await call_api(request, ctx, "POST", path, json=body)
    if not reply.ok:
        return await _refused(request, ctx, kind, wanted, reply, payment=form)
    return _done(ctx, kind, wanted, "paid")


def _answer_offer(
    request: Request, organization_id: int, guid: str, status: str, timestamp: str
) -> None:
    with services_of(request).database.write() as session:
        offer = get_sales_document(session, organization_id, guid, [TRADE_OFFER])
        if offer is None:
            raise PageError(404, f"No trade offer {guid} is in this organization.")
        if offer.status != status:
            check_changeable(offer)
        set_offer_status(session, offer, status, timestamp)


@router.post("/app/{organization_id}/sales/offers/{guid}/status")
async def answer_offer(request: Request, organization_id: str, guid: str) -> Response:
    """The customer's or the user's answer. Only an offer nobody has answered or invoiced can be
    answered: an accepted offer is binding, so it can't be turned into a deletable one."""
    ctx = await org_context(request, organization_id)
    wanted = document_guid(guid)
    fields = await read_app_form(request, ctx)
    status = (single(fields, "status", max_length=40) or "").strip()
    if status not in SETTABLE_OFFER_STATUSES:
        choices = ", ".join(SETTABLE_OFFER_STATUSES)
        raise PageError(400, f"status must be one of {choices}, not '{status}'.")
    try:
        await run_in_threadpool(
            _answer_offer, request, ctx.organization_id, wanted, status, _timestamp(fields)
        )
    except LedgerError as problem:
        return await document_page(
            request, ctx, TRADE_OFFER, wanted, problem=str(problem), status_code=409
        )
    return _done(ctx, TRADE_OFFER, wanted, "status")


@router.post("/app/{organization_id}/sales/offers/{guid}/invoice")
async def invoice_offer(request: Request, organization_id: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    wanted = document_guid(guid)
    fields = await read_app_form(request, ctx)
    path = api_path(ctx.organization_id, TRADE_OFFER, wanted) + "/generate-invoice"
    reply = await call_api(request, ctx, "POST", path, json={"Timestamp": _timestamp(fields)})
    if not reply.ok:
        return await _refused(request, ctx, TRADE_OFFER, wanted, reply)
    invoice = (reply.json or {}).get("Guid", "")
    return _done(ctx, INVOICE, str(invoice), "created")
