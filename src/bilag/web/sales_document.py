"""One sales document's page: its lines, totals, payments and sends, the forms that act on it,
and its PDF shown inline from a same-origin route that fetches it through the API."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.chart import chart_accounts
from bilag.storage.journal import BOOKED
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER
from bilag.storage.trade_offers import STATUSES as OFFER_STATUSES
from bilag.web.api_client import call_api
from bilag.web.forms import read_query, single
from bilag.web.outbox import OUTBOX_TEXTS
from bilag.web.sales_format import formatters
from bilag.web.sales_reads import KINDS, SEGMENTS, DocumentView, get_document_view
from bilag.web.sales_texts import SALES_TEXTS
from bilag.web.security import CONTENT_SECURITY_POLICY, PageError, services_of
from bilag.web.shell import OrgContext, app_page, org_context

router = APIRouter(include_in_schema=False)
TEXTS = {language: OUTBOX_TEXTS[language] | SALES_TEXTS[language] for language in SALES_TEXTS}

ONE = "/app/{organization_id}/sales/{segment}/{guid}"
PDF = "application/pdf"
# The document page may frame its own PDF route; every other page keeps frame-src 'none'.
PAGE_POLICY = CONTENT_SECURITY_POLICY + "; frame-src 'self'"
# The PDF route may be framed by this origin only. Chromium's PDF viewer is a plugin, so
# object-src must allow the document itself.
PDF_POLICY = (
    "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
    "form-action 'none'"
)
NOTICES = ("booked", "paid", "status", "invoiced", "created")
SETTABLE_OFFER_STATUSES = tuple(status for status in OFFER_STATUSES if status != "invoiced")


def api_path(organization_id: int, kind: str, guid: str) -> str:
    """The document's path in the API."""
    return {
        INVOICE: f"/v1/{organization_id}/invoices/{guid}",
        CREDIT_NOTE: f"/v1/{organization_id}/sales/creditnotes/{guid}",
        TRADE_OFFER: f"/v1/{organization_id}/tradeoffers/{guid}",
    }[kind]


def document_kind(segment: str) -> str:
    kind = KINDS.get(segment)
    if kind is None:
        raise PageError(404, f"No sales page is at /sales/{segment}.", title="Not found")
    return kind


def document_guid(guid: str) -> str:
    try:
        return str(uuid.UUID(guid))
    except ValueError:
        raise PageError(404, f"No document {guid} is here.", title="Not found") from None


def _view(
    request: Request, organization_id: int, kind: str, guid: str
) -> tuple[DocumentView, list[tuple[int, str]]]:
    with services_of(request).database.read() as session:
        view = get_document_view(session, organization_id, kind, guid, date.today())
        if view is None:
            raise PageError(404, f"No document {guid} is in this organization.", title="Not found")
        accounts = chart_accounts(session, organization_id)
        ordered = sorted(
            accounts, key=lambda account: (not account.is_default_deposit, account.number)
        )
        deposits = [
            (account.number, account.name)
            for account in ordered
            if account.is_deposit and not account.is_hidden
        ]
        session.expunge_all()
    return view, deposits


async def document_page(
    request: Request,
    ctx: OrgContext,
    kind: str,
    guid: str,
    *,
    problem: str = "",
    payment: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The page, or the page again with a refused action's `problem` and the form as sent."""
    view, deposits = await run_in_threadpool(_view, request, ctx.organization_id, kind, guid)
    done = single(read_query(request), "done", max_length=20) if status_code == 200 else None
    document = view.document
    texts = SALES_TEXTS[ctx.language]
    number = document.number if document.number is not None else texts["draft_number"]
    response = app_page(
        request,
        ctx,
        "sales/document.html",
        texts=TEXTS,
        active={INVOICE: "invoices", CREDIT_NOTE: "credit_notes"}.get(kind, "offers"),
        title=f"{texts[kind]} {number}",
        status_code=status_code,
        view=view,
        document=document,
        segment=SEGMENTS[kind],
        has_pdf=kind == TRADE_OFFER or document.status == BOOKED,
        is_booked=document.status == BOOKED,
        deposits=deposits,
        offer_statuses=SETTABLE_OFFER_STATUSES,
        problem=problem,
        payment=payment or default_payment(view, deposits),
        done=done if done in NOTICES else None,
        **formatters(ctx.language),
    )
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response


def default_payment(view: DocumentView, deposits: list[tuple[int, str]]) -> dict[str, str]:
    """The payment form as it opens: today, the remaining amount, the first deposit account."""
    remaining = max(view.remaining, 0) if view.kind == INVOICE else abs(view.remaining)
    return {
        "payment_date": date.today().isoformat(),
        "amount": f"{remaining:.2f}",
        "deposit_account": str(deposits[0][0]) if deposits else "",
        "description": "",
    }


@router.get(ONE)
async def sales_document_page(
    request: Request, organization_id: str, segment: str, guid: str
) -> Response:
    ctx = await org_context(request, organization_id)
    return await document_page(request, ctx, document_kind(segment), document_guid(guid))


@router.get(ONE + "/pdf")
async def sales_document_pdf(
    request: Request, organization_id: str, segment: str, guid: str
) -> Response:
    """The PDF as the API serves it, for the document page's frame (same origin only)."""
    ctx = await org_context(request, organization_id)
    kind, wanted = document_kind(segment), document_guid(guid)
    path = api_path(ctx.organization_id, kind, wanted)
    reply = await call_api(request, ctx, "GET", path, accept=PDF)
    media_type = reply.headers.get("content-type", "").split(";")[0].strip()
    if not reply.ok or media_type != PDF:
        status = reply.status if 400 <= reply.status < 500 else 502
        raise PageError(status, reply.problem or "The API did not answer with a PDF.")
    headers = {
        "Content-Disposition": reply.headers.get("content-disposition", "inline"),
        "Content-Security-Policy": PDF_POLICY,
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }
    return Response(reply.content, media_type=PDF, headers=headers)
