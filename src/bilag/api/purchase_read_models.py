"""Purchase vouchers and purchase credit notes on the wire, outgoing: `PurchaseVoucherReadModelV2`,
`PurchaseVoucherFetchReadModel`, `PurchaseCreditNoteReadModel` and their lines and totals
(reference §3.7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bilag.api.manual_voucher_models import booked_by_type
from bilag.ledger.accounts import Account
from bilag.ledger.money import ZERO
from bilag.ledger.payments import payment_status
from bilag.ledger.purchases import is_possibly_fixed_asset, line_amounts
from bilag.ledger.vat import get_vat_type, is_no_vat
from bilag.storage.journal import BOOKED
from bilag.storage.models import Voucher
from bilag.storage.purchases import PurchaseContent, PurchaseDraftLine, purchase_lines_of

Chart = Mapping[int, Account]


@dataclass(frozen=True)
class Totals:
    excl_vat: Decimal = ZERO
    vat: Decimal = ZERO
    incl_vat: Decimal = ZERO


def resolved_vat_code(line: PurchaseDraftLine, chart: Chart) -> str | None:
    """The line's VAT code, or its account's default when it has none."""
    if line.vat_code is not None:
        return line.vat_code
    account = None if line.account is None else chart.get(line.account)
    return None if account is None else account.vat_code


def _lines(lines: Sequence[PurchaseDraftLine], chart: Chart) -> tuple[list[dict[str, Any]], Totals]:
    models: list[dict[str, Any]] = []
    totals = Totals()
    for line in lines:
        code = resolved_vat_code(line, chart)
        vat_type = None if code is None or is_no_vat(code) else get_vat_type(code)
        amounts = line_amounts(line.amount, vat_type)
        totals = Totals(
            totals.excl_vat + amounts.excl_vat,
            totals.vat + amounts.vat,
            totals.incl_vat + amounts.incl_vat,
        )
        models.append(
            {
                "Description": line.description,
                "VatCode": code,
                "AccountNumber": line.account,
                "AmountExclVatValue": float(amounts.excl_vat),
                "AmountInclVatValue": float(amounts.incl_vat),
                "VatAmountValue": float(amounts.vat),
                "AccountTagName": line.account_tag_name,
                "AccountWeightTagId": None,
                "AccountWeightTagVersion": None,
                "AccountTagSynonym": None,
            }
        )
    return models, totals


def totals_of(lines: Sequence[PurchaseDraftLine], chart: Chart) -> Totals:
    return _lines(lines, chart)[1]


def total_models(totals: Totals, currency: str = "DKK") -> list[dict[str, Any]]:
    return [
        {"Label": "Subtotal", "Total": float(totals.excl_vat), "Type": "SubTotal", "Position": 0},
        {"Label": "Moms", "Total": float(totals.vat), "Type": "Vat", "Position": 1},
        {"Label": f"Total {currency}", "Total": float(totals.incl_vat), "Type": "Total",
         "Position": 2},
    ]  # fmt: skip


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _booking_fields(voucher: Voucher) -> dict[str, Any]:
    return {
        "BookedByType": booked_by_type(voucher),
        "BookedByUsername": voucher.booked_by_user,
        "BookingTime": voucher.booked_at.date().isoformat() if voucher.booked_at else None,
    }


def credit_status(voucher: Voucher, total: Decimal, paid: Decimal, today: date) -> str:
    """Draft until booked; then what the payments made of it."""
    if voucher.status != BOOKED:
        return "Draft"
    return payment_status(total, paid, voucher.payment_date, today)


def _content_fields(content: PurchaseContent, chart: Chart) -> dict[str, Any]:
    lines, totals = _lines(content.lines, chart)
    cash = content.purchase_type == "cash"
    return {
        "FileGuid": content.file_guid,
        "VoucherDate": _day(content.voucher_date),
        "PaymentDate": _day(content.voucher_date if cash else content.payment_date),
        "RegionKey": content.region_key,
        "PurchaseType": content.purchase_type,
        "Lines": lines,
        "DepositAccountNumber": content.deposit_account_number,
        "ContactGuid": content.contact_guid,
        "ExternalReference": content.external_reference,
        "VoucherTotals": total_models(totals),
        "CurrencyKey": "DKK" if cash else content.currency_key or "DKK",
    }


def content_of(voucher: Voucher) -> PurchaseContent:
    return PurchaseContent(
        voucher_date=voucher.voucher_date,
        lines=purchase_lines_of(voucher),
        purchase_type=voucher.purchase_type,
        file_guid=voucher.file_guid,
        external_reference=voucher.external_reference,
        deposit_account_number=voucher.deposit_account_number,
        region_key=voucher.region_key,
        contact_guid=voucher.contact_guid,
        payment_date=voucher.payment_date,
        currency_key=voucher.currency_key,
        credit_note_for=voucher.credit_note_for,
        notes=voucher.notes,
    )


def purchase_read_model(
    voucher: Voucher, chart: Chart, paid: Decimal, today: date
) -> dict[str, Any]:
    """`PurchaseVoucherReadModelV2`; `paid` is what payments settled of a credit purchase."""
    content = content_of(voucher)
    fields = _content_fields(content, chart)
    if voucher.purchase_type == "cash":
        status = "Paid" if voucher.status == BOOKED else "Draft"
    else:
        status = credit_status(voucher, totals_of(content.lines, chart).incl_vat, paid, today)
    return {
        "Guid": voucher.guid,
        "Timestamp": voucher.timestamp,
        "Status": status,
        "VoucherNumber": voucher.number,
        **fields,
        **_booking_fields(voucher),
    }


def fetch_read_model(content: PurchaseContent, chart: Chart) -> dict[str, Any]:
    """`PurchaseVoucherFetchReadModel`: what the voucher would be, nothing stored."""
    net_amounts = [
        line_amounts(line.amount, _vat_type(line, chart)).excl_vat for line in content.lines
    ]
    fields = _content_fields(content, chart)
    del fields["CurrencyKey"]  # the fetch model has none
    return {
        "Status": "Draft",
        "VoucherNumber": None,
        **fields,
        "ShouldPossiblyBeFixedAsset": is_possibly_fixed_asset(net_amounts),
    }


def _vat_type(line: PurchaseDraftLine, chart: Chart) -> Any:
    code = resolved_vat_code(line, chart)
    return None if code is None or is_no_vat(code) else get_vat_type(code)


def credit_note_read_model(
    voucher: Voucher, chart: Chart, paid: Decimal, today: date
) -> dict[str, Any]:
    """`PurchaseCreditNoteReadModel`."""
    lines, totals = _lines(purchase_lines_of(voucher), chart)
    return {
        "Guid": voucher.guid,
        "CreditNoteFor": voucher.credit_note_for,
        "FileGuid": voucher.file_guid,
        "CreditNoteNumber": voucher.number,
        "ContactGuid": voucher.contact_guid,
        "Date": _day(voucher.voucher_date),
        "Currency": voucher.currency_key or "DKK",
        "Lines": lines,
        "Timestamp": voucher.timestamp,
        "Status": credit_status(voucher, totals.incl_vat, paid, today),
        **_booking_fields(voucher),
        "Totals": total_models(totals),
    }
