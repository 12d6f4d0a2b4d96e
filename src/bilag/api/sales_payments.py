"""Payments of booked invoices and sales credit notes (reference §2.5, §2.7, §3.5).

A payment is booked at once as its own voucher (kind "sales_payment": the deposit account
against debtors) and changes the document's `Timestamp`, which every payment and deletion must
carry. Deleting a payment books the reversal of its voucher. `PaymentStatus` follows from the
amounts and the due date: Booked, Paid, OverPaid or Overdue.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, bind_object, read_json_body
from bilag.api.booking import api_booker
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import parse_date
from bilag.api.purchase_payments import check_deposit
from bilag.api.sales_handlers import optional_object, require_document
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.errors import LedgerError
from bilag.ledger.money import from_ore
from bilag.ledger.sales import in_dkk
from bilag.ledger.sales_payments import remainder_as_fee_available, sales_payment_postings
from bilag.storage.journal import BOOKED, check_timestamp, claim_version, delete_voucher
from bilag.storage.models import SalesDocument, SalesPayment, Voucher
from bilag.storage.reminders import booked_reminder_fees
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE
from bilag.storage.sales_payments import (
    NewSalesPayment,
    get_sales_payment,
    mark_sales_payment_deleted,
    paid_total,
    record_sales_payment,
    sales_payments_of,
)
from bilag.storage.voucher_drafts import book_postings

router = APIRouter(route_class=DineroRoute, tags=["SalesPayments"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
PaymentGuid = Annotated[str, Path(alias="paymentGuid")]
Body = Annotated[JsonBody, Depends(read_json_body)]
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
INVOICE_PAYMENTS = "/{organizationId}/invoices/{guid}/payments"
CREDIT_NOTE_PAYMENTS = "/v1/{organizationId}/sales/creditnotes/{guid}/payments"
PAYMENT_KIND = "sales_payment"
PAYMENT_CLASSES = {INVOICE: "Invoice", CREDIT_NOTE: "CreditNote"}
_CREATE_PROPS = (
    Prop("Timestamp", required=True, max_length=16),
    Prop("DepositAccountNumber", "int", required=True),
    Prop("RemainderIsFee", "bool"),
    Prop("AmountInForeignCurrency", "number"),
    Prop("ExternalReference", max_length=128),
    Prop("PaymentDate", max_length=10),
    Prop("Description", required=True, max_length=500),
    Prop("Amount", "number", required=True),
)


def _payable(session: Session, organization_id: int, guid: str, kind: str) -> SalesDocument:
    document = require_document(session, organization_id, guid, kind)
    if document.status != BOOKED:
        message = "Payments can only be added to a booked document; book it first."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"guid": message})
    return document


def reminder_expenses(session: Session, document: SalesDocument) -> Decimal:
    """The booked reminders' fees and interest, in the invoice's currency (they are in DKK)."""
    if document.kind != INVOICE:
        return Decimal(0)
    fees = booked_reminder_fees(session, document.organization_id, document.guid)
    rate = Decimal(document.exchange_rate)
    return fees if rate == 100 else round(fees * 100 / rate, 2)


def _owed(session: Session, document: SalesDocument) -> tuple[Decimal, Decimal]:
    """The total incl. reminder expenses and what has been paid, in the document's currency."""
    total = from_ore(document.total_incl_vat_ore) + reminder_expenses(session, document)
    return total, paid_total(session, document.organization_id, document.guid)


def _payment(values: dict[str, Any], document: SalesDocument, owed: Decimal) -> NewSalesPayment:
    """What the payment settles on the document, in DKK and in the document's currency."""
    foreign = values["AmountInForeignCurrency"]
    problems: dict[str, str] = {}
    amount: Decimal = values["Amount"]
    if amount == 0 or amount != round(amount, 2):
        problems["Amount"] = "Amount must differ from 0, with at most 2 decimals."
    if document.currency == "DKK" and foreign is not None:
        problems["AmountInForeignCurrency"] = "is only for documents in a foreign currency."
    if document.currency != "DKK" and foreign is None:
        problems["AmountInForeignCurrency"] = f"is required for a document in {document.currency}."
    if foreign is not None and (foreign == 0 or foreign != round(foreign, 2)):
        problems["AmountInForeignCurrency"] = "must differ from 0, with at most 2 decimals."
    if values["RemainderIsFee"] and owed <= 0:
        problems["RemainderIsFee"] = "Nothing remains to be written off as a fee."
    if problems:
        raise validation_failure(problems)
    in_currency = amount if foreign is None else foreign
    settled = owed if values["RemainderIsFee"] else in_currency
    rate = Decimal(document.exchange_rate)
    return NewSalesPayment(
        amount=settled if foreign is None else in_dkk(settled, rate),
        amount_in_foreign_currency=None if foreign is None else settled,
        payment_date=parse_date(values["PaymentDate"], "PaymentDate") or date.today(),
        deposit_account_number=values["DepositAccountNumber"],
        description=values["Description"],
        external_reference=values["ExternalReference"],
        remainder_is_fee=bool(values["RemainderIsFee"]),
        payment_class=PAYMENT_CLASSES[document.kind],
    )


def _add_payment(
    request: Request, organization_id: str, guid: str, body: JsonBody, kind: str
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), _CREATE_PROPS)
    with api_state(request).services.database.write() as session:
        document = _payable(session, access.organization_id, guid, kind)
        check_deposit(session, access.organization_id, values["DepositAccountNumber"])
        total, paid = _owed(session, document)
        payment = _payment(values, document, total - paid)
        postings = sales_payment_postings(
            values["Amount"],
            values["DepositAccountNumber"],
            payment.amount,
            payment.remainder_is_fee,
            payment.description,
            refund=kind == CREDIT_NOTE,
        )
        try:
            check_timestamp(document, values["Timestamp"])
            claim_version(session, document, values["Timestamp"])
            voucher = book_postings(
                session,
                document.organization_id,
                PAYMENT_KIND,
                payment.payment_date,
                postings,
                api_booker(session, access),
                document.contact_guid,
            )
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        recorded = record_sales_payment(
            session, document.organization_id, document.guid, voucher.guid, payment
        )
        return json_response(
            {
                "Guid": recorded.guid,
                "TimeStamp": document.timestamp,
                "RelatedVoucherGuid": voucher.guid,
            }
        )


def _read_model(payment: SalesPayment, document: SalesDocument) -> dict[str, Any]:
    amount = (
        payment.amount_ore if payment.amount_foreign_ore is None else payment.amount_foreign_ore
    )
    return {
        "Guid": payment.guid,
        "DepositAccountNumber": payment.deposit_account_number,
        "Currency": document.currency,
        "ExchangeRate": float(Decimal(document.exchange_rate)),
        "PaymentClass": payment.payment_class,
        "RelatedVoucherId": payment.entry_voucher_guid,
        "ExternalReference": payment.external_reference,
        "PaymentDate": payment.payment_date.isoformat(),
        "Description": payment.description,
        "Amount": float(from_ore(amount)),
    }


def _payments_model(session: Session, document: SalesDocument) -> dict[str, Any]:
    """`InvoicePaymentsModel`."""
    total, paid = _owed(session, document)
    payments = sales_payments_of(session, document.organization_id, document.guid)
    return {
        "Payments": [_read_model(payment, document) for payment in payments],
        "RemainingAmount": float(total - paid),
        "PaidAmount": float(paid),
        "InvoiceTotalIncludingReminderExpenses": float(total),
        "RemainderAsFeeAvailable": remainder_as_fee_available(total, paid),
    }


def _list(request: Request, organization_id: str, guid: str, kind: str) -> dict[str, Any]:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        document = require_document(session, access.organization_id, guid, kind)
        return _payments_model(session, document)


def _delete_payment(
    request: Request,
    organization_id: str,
    guid: str,
    payment_guid: str,
    timestamp: str | None,
    kind: str,
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, guid, kind)
        payment = get_sales_payment(session, access.organization_id, document.guid, payment_guid)
        if payment is None:
            message = f"No payment with guid '{payment_guid}' was found on this document."
            raise DineroError(ErrorCode.NOT_FOUND, message, 404)
        voucher = session.get(Voucher, payment.entry_voucher_guid or "")
        try:
            check_timestamp(document, timestamp or document.timestamp)
            claim_version(session, document, timestamp or document.timestamp)
            if voucher is not None:
                delete_voucher(session, voucher, voucher.timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        mark_sales_payment_deleted(session, payment)
        return json_response({"TimeStamp": document.timestamp})


@router.post("/v1" + INVOICE_PAYMENTS, summary="Add a payment to a booked invoice", **DOCS)
def add_invoice_payment(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _add_payment(request, organization_id, guid, body, INVOICE)


@router.get("/v2" + INVOICE_PAYMENTS, summary="Get the payments of an invoice", **DOCS)
def list_invoice_payments(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return json_response(_list(request, organization_id, guid, INVOICE))


@router.get("/v1" + INVOICE_PAYMENTS, summary="Get the payments of an invoice (v1)", **DOCS)
def list_invoice_payments_v1(
    request: Request, organization_id: OrganizationId, guid: str
) -> Response:
    """The old list: under `Payments`, each with its `AmountInForeignCurrency`."""
    model = _list(request, organization_id, guid, INVOICE)
    return json_response({"Payments": model["Payments"]})


@router.delete(
    "/v1" + INVOICE_PAYMENTS + "/{paymentGuid}", summary="Delete an invoice payment", **DOCS
)
def delete_invoice_payment(
    request: Request,
    organization_id: OrganizationId,
    guid: str,
    payment_guid: PaymentGuid,
    body: Body,
) -> Response:
    timestamp = bind_object(body.object(), (_CREATE_PROPS[0],))["Timestamp"]
    return _delete_payment(request, organization_id, guid, payment_guid, timestamp, INVOICE)


@router.post(CREDIT_NOTE_PAYMENTS, summary="Add a payment to a booked credit note", **DOCS)
def add_credit_note_payment(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _add_payment(request, organization_id, guid, body, CREDIT_NOTE)


@router.get(CREDIT_NOTE_PAYMENTS, summary="Get the payments of a credit note", **DOCS)
def list_credit_note_payments(
    request: Request, organization_id: OrganizationId, guid: str
) -> Response:
    return json_response(_list(request, organization_id, guid, CREDIT_NOTE))


@router.delete(
    CREDIT_NOTE_PAYMENTS + "/{paymentGuid}", summary="Delete a credit note payment", **DOCS
)
def delete_credit_note_payment(
    request: Request,
    organization_id: OrganizationId,
    guid: str,
    payment_guid: PaymentGuid,
    body: Body,
) -> Response:
    timestamp = bind_object(optional_object(body), (Prop("Timestamp", max_length=16),))
    return _delete_payment(
        request, organization_id, guid, payment_guid, timestamp["Timestamp"], CREDIT_NOTE
    )
