"""Udbakke: every send of the organization's sales documents (e-mail, SMS, e-invoice), newest
first, with its status, and one send in detail. Read-only: sends are made through the API."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.mailouts import outbox
from bilag.storage.models import Mailout, SalesDocument
from bilag.web.sales_format import formatters
from bilag.web.sales_reads import SEGMENTS
from bilag.web.security import PageError, services_of
from bilag.web.shell import app_page, org_context
from bilag.web.templating import Texts

router = APIRouter(include_in_schema=False)
LIMIT = 200

OUTBOX_TEXTS: Texts = {
    "da": {
        "outbox_title": "Udbakke",
        "sent_at": "Tidspunkt",
        "channel": "Kanal",
        "recipient": "Modtager",
        "document": "Dokument",
        "type": "Type",
        "status": "Status",
        "details": "Detaljer",
        "empty": "Intet er sendt endnu.",
        "shows_latest": "Viser de seneste {limit} afsendelser.",
        "channel_email": "E-mail",
        "channel_sms": "SMS",
        "channel_einvoice": "E-faktura",
        "status_Pending": "Venter",
        "status_Sending": "Sendes",
        "status_Sent": "Sendt",
        "status_Failed": "Fejlet",
        "sender": "Afsender",
        "cc_to_sender": "Kopi til afsender",
        "subject": "Emne",
        "message": "Besked",
        "delivered_at": "Leveret",
        "delivery_error": "Fejl ved levering",
        "payload": "Indhold",
        "bytes": "bytes",
        "yes": "Ja",
        "no": "Nej",
        "back": "Tilbage til udbakken",
        "not_delivered": "bilag har ingen SMS-gateway eller NemHandel-adgang; "
        "SMS og e-fakturaer bliver stående som ventende.",
        "document_gone": "(slettet)",
        "kind_invoice": "Faktura",
        "kind_credit_note": "Kreditnota",
        "kind_trade_offer": "Tilbud",
    },
    "en": {
        "outbox_title": "Outbox",
        "sent_at": "Time",
        "channel": "Channel",
        "recipient": "Recipient",
        "document": "Document",
        "type": "Type",
        "status": "Status",
        "details": "Details",
        "empty": "Nothing has been sent yet.",
        "shows_latest": "Showing the latest {limit} sends.",
        "channel_email": "E-mail",
        "channel_sms": "SMS",
        "channel_einvoice": "E-invoice",
        "status_Pending": "Pending",
        "status_Sending": "Sending",
        "status_Sent": "Sent",
        "status_Failed": "Failed",
        "sender": "Sender",
        "cc_to_sender": "Copy to sender",
        "subject": "Subject",
        "message": "Message",
        "delivered_at": "Delivered",
        "delivery_error": "Delivery error",
        "payload": "Content",
        "bytes": "bytes",
        "yes": "Yes",
        "no": "No",
        "back": "Back to the outbox",
        "not_delivered": "bilag has no SMS gateway or NemHandel access; SMS and e-invoices "
        "stay pending.",
        "document_gone": "(deleted)",
        "kind_invoice": "Invoice",
        "kind_credit_note": "Credit note",
        "kind_trade_offer": "Offer",
    },
}


@dataclass(frozen=True)
class Send:
    mailout: Mailout
    document_kind: str | None
    document_number: int | None
    document_link: str | None


def _sends(request: Request, organization_id: int, mailouts: list[Mailout]) -> list[Send]:
    guids = {mailout.document_guid for mailout in mailouts}
    with services_of(request).database.read() as session:
        documents = {
            guid: (kind, number, status)
            for guid, kind, number, status in session.execute(
                select(
                    SalesDocument.guid,
                    SalesDocument.kind,
                    SalesDocument.number,
                    SalesDocument.status,
                ).where(
                    SalesDocument.organization_id == organization_id,
                    SalesDocument.guid.in_(guids),
                )
            )
        }
    sends = []
    for mailout in mailouts:
        kind, number, status = documents.get(mailout.document_guid, (None, None, None))
        link = None
        if kind in SEGMENTS and status != "deleted":
            link = f"/app/{organization_id}/sales/{SEGMENTS[kind]}/{mailout.document_guid}"
        sends.append(Send(mailout, kind, number, link))
    return sends


def _outbox(request: Request, organization_id: int) -> list[Send]:
    with services_of(request).database.read() as session:
        mailouts = outbox(session, organization_id, limit=LIMIT)
        for mailout in mailouts:
            session.expunge(mailout)
    return _sends(request, organization_id, mailouts)


def _one(request: Request, organization_id: int, mailout_id: int) -> Send | None:
    with services_of(request).database.read() as session:
        mailout = session.get(Mailout, mailout_id)
        if mailout is None or mailout.organization_id != organization_id:
            return None
        session.expunge(mailout)
    return _sends(request, organization_id, [mailout])[0]


@router.get("/app/{organization_id}/outbox")
async def outbox_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    sends = await run_in_threadpool(_outbox, request, ctx.organization_id)
    return app_page(
        request,
        ctx,
        "outbox/list.html",
        texts=OUTBOX_TEXTS,
        active="outbox",
        title=OUTBOX_TEXTS[ctx.language]["outbox_title"],
        sends=sends,
        limit=LIMIT,
        **formatters(ctx.language),
    )


@router.get("/app/{organization_id}/outbox/{mailout_id}")
async def send_page(request: Request, organization_id: str, mailout_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    found = None
    if mailout_id.isascii() and mailout_id.isdigit() and len(mailout_id) < 12:
        found = await run_in_threadpool(_one, request, ctx.organization_id, int(mailout_id))
    if found is None:
        message = f"No send {mailout_id} is in this organization's outbox."
        raise PageError(404, message, title="Not found")
    return app_page(
        request,
        ctx,
        "outbox/send.html",
        texts=OUTBOX_TEXTS,
        active="outbox",
        title=f"{OUTBOX_TEXTS[ctx.language]['outbox_title']} #{found.mailout.id}",
        send=found,
        **formatters(ctx.language),
    )
