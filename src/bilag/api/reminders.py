"""Reminders (rykkere) of invoices (reference §2.6, §3.12, §7.3): list, add a draft, preview
the next one or any one (`next`, `fetch`), read, change a draft, book and delete.

Creating checks the invoice's `Timestamp`; changing, booking and deleting the reminder's own.
Deleting a booked reminder books the reversal of its fees. `Accept: application/pdf` answers a
reminder as its PDF (`reminder_documents`); sending is in `reminder_sends`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, QueryParameters, read_json_body
from bilag.api.contacts import parse_changes_since
from bilag.api.errors import DineroRoute
from bilag.api.ledger_errors import ledger_failure
from bilag.api.reminder_documents import reminder_pdf, reminder_pdf_name
from bilag.api.reminder_models import default_content, parse_create, parse_fetch, parse_timestamp
from bilag.api.reminder_records import (
    book_fees,
    charges_in_ore,
    check_draft,
    checked_amounts,
    content_amounts,
    content_of,
    earlier_reminders,
    preview_view,
    reminded_invoice,
    reminder_view,
    require_booked_invoice,
    require_reminder,
)
from bilag.api.sales_handlers import require_document
from bilag.api.sales_pdf import pdf_response, wants_pdf
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.errors import LedgerError
from bilag.ledger.reminders import MAX_REMINDERS, ReminderChoice, earliest_date, next_number
from bilag.storage.journal import BOOKED, check_timestamp, delete_voucher, lock_organization
from bilag.storage.models import Voucher
from bilag.storage.reminders import (
    add_reminder,
    check_reminder_timestamp,
    mark_reminder_booked,
    mark_reminder_deleted,
    reminders_of,
    update_reminder_draft,
)
from bilag.storage.sales_documents import INVOICE

router = APIRouter(route_class=DineroRoute, tags=["Reminders"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
VoucherGuid = Annotated[str, Path(alias="voucherGuid")]
Body = Annotated[JsonBody, Depends(read_json_body)]
BASE = "/v1/{organizationId}/invoices/{voucherGuid}/reminders"
ONE = BASE + "/{id}"
PDF_NOTE = "`Accept: application/pdf` (or application/octet-stream) answers the reminder's PDF."
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


@router.get(BASE, summary="List an invoice's reminders", **DOCS)
def list_reminders(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid
) -> Response:
    access = require_organization(request, organization_id)
    since = parse_changes_since(QueryParameters(request).text("changesSince"))
    with api_state(request).services.database.read() as session:
        invoice = require_document(session, access.organization_id, voucher_guid, INVOICE)
        found = reminders_of(session, access.organization_id, invoice.guid, since)
        return json_response([reminder_view(session, invoice, reminder) for reminder in found])


@router.post(BASE, summary="Add a draft reminder to an overdue invoice", **DOCS)
def create_reminder(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    fields = body.object()
    with api_state(request).services.database.write() as session:
        lock_organization(session, access.organization_id)
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        earlier = earlier_reminders(reminders_of(session, invoice.organization_id, invoice.guid))
        number = next_number(earlier)
        timestamp, content = parse_create(fields, invoice, number)
        try:
            check_timestamp(invoice, timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        charges = charges_in_ore(content_amounts(session, invoice, earlier, content))
        reminder = add_reminder(
            session, invoice.organization_id, invoice.guid, number, content, charges
        )
        return json_response(reminder_view(session, invoice, reminder))


@router.get(BASE + "/next", summary="Preview the next reminder in line", **DOCS)
def next_reminder(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid
) -> Response:
    """What adding the next reminder would give, dated today or the first day it may be."""
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        reminded = reminded_invoice(session, invoice)
        earlier = earlier_reminders(reminders_of(session, invoice.organization_id, invoice.guid))
        number = next_number(earlier)
        choice = ReminderChoice(
            max(date.today(), earliest_date(reminded, earlier)),
            with_fee=reminded.fee > 0,
            with_interest=reminded.interest_rate > 0,
            with_compensation=False,
        )
        amounts = checked_amounts(reminded, earlier, choice)
        content = default_content(invoice, number, choice, warning=number == MAX_REMINDERS)
        return json_response(preview_view(invoice, content, amounts, number))


@router.post(BASE + "/fetch", summary="Preview a reminder without saving it", **DOCS)
def fetch_reminder(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    choice, warning = parse_fetch(body.object())
    with api_state(request).services.database.read() as session:
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        earlier = earlier_reminders(reminders_of(session, invoice.organization_id, invoice.guid))
        number = next_number(earlier)
        amounts = checked_amounts(reminded_invoice(session, invoice), earlier, choice)
        content = default_content(invoice, number, choice, warning)
        return json_response(preview_view(invoice, content, amounts, number))


@router.get(ONE, summary="Get a reminder as JSON, or as a PDF", description=PDF_NOTE, **DOCS)
def get_one_reminder(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid, id: str
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        invoice = require_document(session, access.organization_id, voucher_guid, INVOICE)
        accept = request.headers.get("accept")
        if wants_pdf(accept) or "application/octet-stream" in (accept or "").lower():
            reminder = require_reminder(session, invoice, id, live=True)
            pdf = reminder_pdf(session, invoice, reminder)
            return pdf_response(pdf, reminder_pdf_name(invoice, reminder))
        reminder = require_reminder(session, invoice, id)
        return json_response(reminder_view(session, invoice, reminder))


@router.put(ONE, summary="Update a draft reminder", **DOCS)
def update_reminder(
    request: Request,
    organization_id: OrganizationId,
    voucher_guid: VoucherGuid,
    id: str,
    body: Body,
) -> Response:
    access = require_organization(request, organization_id)
    fields = body.object()
    with api_state(request).services.database.write() as session:
        lock_organization(session, access.organization_id)
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        reminder = require_reminder(session, invoice, id, live=True)
        timestamp, content = parse_create(fields, invoice, reminder.number)
        check_draft(reminder, "changed; delete it, which books its reversal, and add a new one")
        everyone = reminders_of(session, invoice.organization_id, invoice.guid)
        earlier = earlier_reminders(everyone, reminder.number)
        try:
            check_reminder_timestamp(reminder, timestamp)
            amounts = content_amounts(session, invoice, earlier, content)
            update_reminder_draft(session, reminder, timestamp, content, charges_in_ore(amounts))
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        return json_response(reminder_view(session, invoice, reminder))


@router.post(ONE + "/book", summary="Book a draft reminder and post its fees", **DOCS)
def book_reminder(
    request: Request,
    organization_id: OrganizationId,
    voucher_guid: VoucherGuid,
    id: str,
    body: Body,
) -> Response:
    access = require_organization(request, organization_id)
    timestamp = parse_timestamp(body.object())
    with api_state(request).services.database.write() as session:
        lock_organization(session, access.organization_id)
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        reminder = require_reminder(session, invoice, id, live=True)
        check_draft(reminder, "booked again")
        everyone = reminders_of(session, invoice.organization_id, invoice.guid)
        earlier = earlier_reminders(everyone, reminder.number)
        try:
            check_reminder_timestamp(reminder, timestamp)
            amounts = content_amounts(session, invoice, earlier, content_of(reminder))
            entry_voucher = book_fees(session, invoice, reminder, amounts, access)
            charges = charges_in_ore(amounts)
            mark_reminder_booked(session, reminder, timestamp, charges, entry_voucher)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        return json_response(reminder_view(session, invoice, reminder))


@router.delete(ONE, summary="Delete a reminder; a booked one gets an offset entry", **DOCS)
def delete_reminder(
    request: Request,
    organization_id: OrganizationId,
    voucher_guid: VoucherGuid,
    id: str,
    body: Body,
) -> Response:
    access = require_organization(request, organization_id)
    timestamp = parse_timestamp(body.object())
    with api_state(request).services.database.write() as session:
        lock_organization(session, access.organization_id)
        invoice = require_document(session, access.organization_id, voucher_guid, INVOICE)
        reminder = require_reminder(session, invoice, id, live=True)
        try:
            check_reminder_timestamp(reminder, timestamp)
            entry_voucher = (
                None
                if reminder.entry_voucher_guid is None
                else session.get(Voucher, reminder.entry_voucher_guid)
            )
            if entry_voucher is not None and entry_voucher.status == BOOKED:
                delete_voucher(session, entry_voucher, entry_voucher.timestamp)
            mark_reminder_deleted(session, reminder, timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
    return Response(status_code=200)
