"""The purchase endpoints around the voucher itself as `Call` values: the preview, the duplicate
check, drafts using a file, credit notes and payments. Changes carry the `Timestamp`."""

from __future__ import annotations

import datetime
from typing import Any

from bilag.client._base import Call
from bilag.client._booking_calls import PURCHASE
from bilag.client._calls import _many, _nothing
from bilag.client._drafts import PurchaseVoucherDraft, _date_problem, require_valid, wire_date
from bilag.client._errors import RequestValidationError
from bilag.client._extra_calls import _segment
from bilag.client._models import Wire
from bilag.client._purchase_extra_drafts import PurchaseCreditNoteDraft, PurchasePaymentDraft
from bilag.client._purchase_extra_models import (
    PaymentAdded,
    PurchaseCreditNote,
    PurchasePayment,
    PurchasePreview,
    SimilarVoucher,
    VoucherVersion,
)

CREDIT_NOTES = PURCHASE + "/creditnotes"


def preview_purchase(org: int, draft: PurchaseVoucherDraft) -> Call[PurchasePreview]:
    require_valid(draft)
    path = f"/v1/{org}{PURCHASE}/fetch"
    return Call("POST", path, PurchasePreview.from_wire, org, body=draft.to_wire())


def similar_purchase(org: int, draft: PurchaseVoucherDraft) -> Call[SimilarVoucher]:
    require_valid(draft)
    path = f"/v1/{org}{PURCHASE}/similar"
    return Call("POST", path, SimilarVoucher.from_wire, org, body=draft.to_wire())


def _guids(payload: Any) -> list[str]:
    if not isinstance(payload, list):
        raise ValueError(f"expected a JSON array, got {type(payload).__name__}")
    return [str(guid) for guid in payload]


def purchase_drafts_using_file(org: int, file_guid: str) -> Call[list[str]]:
    path = f"/v1/{org}{PURCHASE}/fileguid/{_segment('fileGuid', file_guid)}"
    return Call("GET", path, _guids, org)


def credit_purchase(
    org: int,
    guid: str,
    timestamp: str,
    voucher_date: datetime.date | str | None = None,
    file_guid: str | None = None,
) -> Call[VoucherVersion]:
    """Credit a booked purchase: a credit note draft (credit purchase) or a manual voucher draft
    (cash purchase), whose guid and version are answered."""
    problems = _date_problem("VoucherDate", voucher_date, required=False)
    if problems:
        raise RequestValidationError(problems)
    body: dict[str, Any] = {"Timestamp": {"Timestamp": timestamp}}
    if voucher_date is not None:
        body["VoucherDate"] = wire_date(voucher_date)
    if file_guid is not None:
        body["FileGuid"] = file_guid
    path = f"/v1/{org}{PURCHASE}/{_segment('guid', guid)}/generate-creditnote"
    return Call("POST", path, VoucherVersion.from_wire, org, body=body)


# Purchase credit notes


def _note(org: int, guid: str) -> str:
    return f"/v1/{org}{CREDIT_NOTES}/{_segment('guid', guid)}"


def create_credit_note(org: int, draft: PurchaseCreditNoteDraft) -> Call[VoucherVersion]:
    require_valid(draft)
    path = f"/v1/{org}{CREDIT_NOTES}"
    return Call("POST", path, VoucherVersion.from_wire, org, body=draft.to_wire())


def credit_note(org: int, guid: str) -> Call[PurchaseCreditNote]:
    return Call("GET", _note(org, guid), PurchaseCreditNote.from_wire, org)


def update_credit_note(
    org: int, guid: str, timestamp: str, draft: PurchaseCreditNoteDraft
) -> Call[VoucherVersion]:
    require_valid(draft)
    body = {k: v for k, v in draft.to_wire().items() if k != "Guid"}
    body["Timestamp"] = timestamp
    return Call("PUT", _note(org, guid), VoucherVersion.from_wire, org, body=body)


def delete_credit_note(org: int, guid: str, timestamp: str) -> Call[None]:
    """A draft is removed; a booked credit note gets a reversing entry."""
    return Call("DELETE", _note(org, guid), _nothing, org, body={"Timestamp": timestamp})


def book_credit_note(
    org: int, guid: str, timestamp: str, number: int | None = None
) -> Call[PurchaseCreditNote]:
    body: dict[str, Any] = {"Timestamp": timestamp}
    if number is not None:
        body["Number"] = number
    path = f"{_note(org, guid)}/book"
    return Call("POST", path, PurchaseCreditNote.from_wire, org, body=body)


# Payments of credit purchases and purchase credit notes


def _payments(org: int, guid: str) -> str:
    return f"/v1/{org}/purchase-vouchers/{_segment('id', guid)}/payments"


def add_payment(
    org: int, guid: str, timestamp: str, draft: PurchasePaymentDraft
) -> Call[PaymentAdded]:
    require_valid(draft)
    body = {**draft.to_wire(), "Timestamp": timestamp}
    return Call("POST", _payments(org, guid), PaymentAdded.from_wire, org, body=body)


def payments(org: int, guid: str) -> Call[list[PurchasePayment]]:
    return Call("GET", _payments(org, guid), _many(PurchasePayment.from_wire), org)


def _new_timestamp(payload: Any) -> str:
    return Wire(payload).text("Timestamp") or ""


def delete_payment(org: int, guid: str, payment_guid: str, timestamp: str) -> Call[str]:
    """Books the payment's reversal; answers the paid voucher's new version."""
    stamp = _segment("timestamp", timestamp)
    path = f"{_payments(org, guid)}/{_segment('paymentId', payment_guid)}/{stamp}"
    return Call("DELETE", path, _new_timestamp, org)
