"""Payments on credit purchases and purchase credit notes (reference §2.9, §3.7).

A payment is booked at once as its own voucher (kind "purchase_payment": creditors against the
deposit account) and changes the paid voucher's `Timestamp`, which every payment and deletion
must carry. Deleting a payment books the reversal of its voucher.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, bind_object, read_json_body
from bilag.api.booking import api_booker
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import parse_date
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.errors import LedgerError
from bilag.ledger.money import from_ore, parse_kroner
from bilag.ledger.payments import Payment, payment_postings, remaining
from bilag.storage.chart import SessionLedger
from bilag.storage.journal import (
    BOOKED,
    DELETED,
    check_timestamp,
    claim_version,
    delete_voucher,
)
from bilag.storage.models import PurchasePayment, Voucher, VoucherLine
from bilag.storage.purchase_payments import (
    get_payment,
    mark_deleted,
    paid_total,
    payments_of,
    record_payment,
)
from bilag.storage.voucher_drafts import book_postings

router = APIRouter(route_class=DineroRoute, tags=["PurchaseVoucherPayments"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
BASE = "/v1/{organizationId}/purchase-vouchers/{id}/payments"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
PAYABLE_KINDS = ("purchase", "purchase_credit_note")
PAYMENT_KIND = "purchase_payment"
_CREATE_PROPS = (
    Prop("DepositAccountNumber", "int", required=True),
    Prop("Description", required=True, max_length=500),
    Prop("RemainderIsFee", "bool"),
    Prop("Timestamp", max_length=16),
    Prop("ExternalReference", max_length=128),
    Prop("PaymentDate", max_length=10),
)


def _payable(session: Session, organization_id: int, guid: str) -> Voucher:
    found = session.get(Voucher, guid.strip().lower())
    if (
        found is None
        or found.organization_id != organization_id
        or found.kind not in PAYABLE_KINDS
        or found.status == DELETED
    ):
        message = f"No purchase voucher or purchase credit note with guid '{guid}' was found."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return found


def _total(session: Session, voucher: Voucher) -> Decimal:
    """What the voucher owes (or, for a credit note, is owed): its lines, VAT included."""
    total = session.scalar(
        select(func.coalesce(func.sum(VoucherLine.amount_ore), 0)).where(
            VoucherLine.voucher_guid == voucher.guid
        )
    )
    return from_ore(int(total or 0))


def _check_payable(voucher: Voucher) -> None:
    if voucher.status != BOOKED:
        message = "Payments can only be added to a booked voucher; book it first."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"id": message})
    if voucher.kind == "purchase" and voucher.purchase_type != "credit":
        message = "A cash purchase is paid when it is booked; only credit purchases take payments."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"id": message})


def _amount(body: dict[str, Any]) -> Decimal:
    raw = next((value for key, value in body.items() if str(key).lower() == "amount"), None)
    if raw is None:
        raise validation_failure({"Amount": "Amount is required."})
    try:
        amount = parse_kroner(raw)
    except ValueError as problem:
        raise validation_failure({"Amount": f"Amount {problem}."}) from None
    if amount == 0 or amount != amount.quantize(Decimal("0.01")):
        raise validation_failure({"Amount": "Amount must differ from 0, with at most 2 decimals."})
    return amount


def check_deposit(session: Session, organization_id: int, number: int) -> None:
    accounts = SessionLedger(session).list_accounts(organization_id)
    if not any(account.number == number and account.is_deposit for account in accounts):
        message = f"Account {number} is not a deposit account."
        raise validation_failure({"DepositAccountNumber": message})


@router.post(BASE, summary="Add a payment to a credit purchase or purchase credit note", **DOCS)
def create_purchase_payment(
    request: Request, organization_id: OrganizationId, id: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    fields = body.object()
    values = bind_object(fields, _CREATE_PROPS)
    amount = _amount(fields)
    day = parse_date(values["PaymentDate"], "PaymentDate") or date.today()
    with api_state(request).services.database.write() as session:
        voucher = _payable(session, access.organization_id, id)
        _check_payable(voucher)
        check_deposit(session, access.organization_id, values["DepositAccountNumber"])
        try:
            check_timestamp(voucher, values["Timestamp"])
            owed = remaining(
                _total(session, voucher), paid_total(session, voucher.organization_id, voucher.guid)
            )
            payment = Payment(
                amount=amount,
                deposit_account=values["DepositAccountNumber"],
                description=values["Description"],
                remainder_is_fee=bool(values["RemainderIsFee"]),
                refund=voucher.kind == "purchase_credit_note",
            )
            postings = payment_postings(payment, owed)
            claim_version(session, voucher, values["Timestamp"] or "")
            entry_voucher = book_postings(
                session,
                voucher.organization_id,
                PAYMENT_KIND,
                day,
                postings,
                api_booker(session, access),
                voucher.contact_guid,
                voucher.file_guid,
            )
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        settled = owed if payment.remainder_is_fee else amount
        recorded = record_payment(
            session,
            organization_id=voucher.organization_id,
            voucher_guid=voucher.guid,
            entry_voucher_guid=entry_voucher.guid,
            amount=settled,
            payment_date=day,
            deposit_account_number=payment.deposit_account,
            description=payment.description,
            external_reference=values["ExternalReference"],
            remainder_is_fee=payment.remainder_is_fee,
        )
        return json_response(
            {
                "Guid": recorded.guid,
                "TimeStamp": voucher.timestamp,
                "RelatedVoucherGuid": entry_voucher.guid,
            }
        )


def _read_model(payment: PurchasePayment, kind: str) -> dict[str, Any]:
    return {
        "Guid": payment.guid,
        "DepositAccountNumber": payment.deposit_account_number,
        "Currency": "DKK",
        "ExchangeRate": 100.0,
        "PaymentClass": "PurchaseCreditNote" if kind == "purchase_credit_note" else "Purchase",
        "RelatedVoucherId": payment.entry_voucher_guid,
        "ExternalReference": payment.external_reference,
        "PaymentDate": payment.payment_date.isoformat(),
        "Description": payment.description or "Betaling",
        "Amount": float(from_ore(payment.amount_ore)),
    }


@router.get(BASE, summary="List the payments of a credit purchase or credit note", **DOCS)
def list_purchase_payments(request: Request, organization_id: OrganizationId, id: str) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        voucher = _payable(session, access.organization_id, id)
        payments = payments_of(session, access.organization_id, voucher.guid)
        return json_response([_read_model(payment, voucher.kind) for payment in payments])


@router.delete(BASE + "/{paymentId}/{timestamp}", summary="Delete a purchase payment", **DOCS)
def delete_purchase_payment(
    request: Request,
    organization_id: OrganizationId,
    id: str,
    payment_id: Annotated[str, Path(alias="paymentId")],
    timestamp: str,
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.write() as session:
        voucher = _payable(session, access.organization_id, id)
        payment = get_payment(session, access.organization_id, voucher.guid, payment_id.strip())
        if payment is None:
            message = f"No payment with guid '{payment_id}' was found on this voucher."
            raise DineroError(ErrorCode.NOT_FOUND, message, 404)
        entry_voucher = session.get(Voucher, payment.entry_voucher_guid)
        if entry_voucher is None or entry_voucher.kind != PAYMENT_KIND:
            message = (
                "The payment was booked by a kassekladde line; correct it with a new "
                "kassekladde line or a manual voucher."
            )
            raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"paymentId": message})
        try:
            check_timestamp(voucher, timestamp)
            claim_version(session, voucher, timestamp)
            delete_voucher(session, entry_voucher, entry_voucher.timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        mark_deleted(session, payment)
        return json_response({"TimeStamp": voucher.timestamp})
