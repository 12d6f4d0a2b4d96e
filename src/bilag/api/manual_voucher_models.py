"""Manual vouchers on the wire: reading Dinero's create/update/book bodies and writing
`ManuelVoucherReadModel` (reference §3.8, OpenAPI `ManuelVoucher*`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from bilag.api.binding import Prop, bind_amount, bind_element, bind_object
from bilag.api.errors import validation_failure
from bilag.ledger.accounts import Account
from bilag.ledger.money import ZERO
from bilag.ledger.posting import BalancedLine
from bilag.ledger.vat import canonical_code, get_vat_type
from bilag.storage.journal import BOOKED
from bilag.storage.models import Voucher
from bilag.storage.voucher_drafts import DraftContent, lines_of

MAX_LINES = 500
_VOUCHER_PROPS = (
    Prop("VoucherDate", max_length=10),
    Prop("FileGuid", max_length=64),
    Prop("ExternalReference", max_length=128),
)
_LINE_PROPS = (
    Prop("Description", max_length=500),
    Prop("AccountNumber", "int", required=True),
    Prop("BalancingAccountNumber", "int"),
    Prop("AccountVatCode", max_length=10),
    Prop("BalancingAccountVatCode", max_length=10),
)
TIMESTAMP_PROPS = (Prop("Timestamp", max_length=16),)
BOOK_PROPS = (Prop("Timestamp", max_length=16), Prop("Number", "int", minimum=1))


def parse_date(raw: str | None, field: str) -> date | None:
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip()) if len(raw.strip()) == 10 else _bad_date(field)
    except ValueError:
        return _bad_date(field)


def _bad_date(field: str) -> date:
    raise validation_failure({field: f"{field} must be a date in yyyy-MM-dd format."})


def parse_content(body: Mapping[str, Any]) -> DraftContent:
    """A create or update body's voucher: every malformed property named in one 400."""
    values = bind_object(body, _VOUCHER_PROPS)
    by_name = {key.lower(): value for key, value in body.items() if isinstance(key, str)}
    raw_lines = by_name.get("lines")
    if raw_lines is None:
        raw_lines = []
    if not isinstance(raw_lines, list):
        raise validation_failure({"Lines": "Lines must be an array of lines."})
    if len(raw_lines) > MAX_LINES:
        raise validation_failure({"Lines": f"A voucher may have at most {MAX_LINES} lines."})
    problems: dict[str, str] = {}
    lines = [_parse_line(raw, f"Lines[{index}]", problems) for index, raw in enumerate(raw_lines)]
    if problems:
        raise validation_failure(problems)
    file_guid = (values["FileGuid"] or "").strip() or None
    return DraftContent(
        voucher_date=parse_date(values["VoucherDate"], "VoucherDate"),
        lines=[line for line in lines if line is not None],
        file_guid=file_guid,
        external_reference=values["ExternalReference"],
    )


def _parse_line(raw: Any, where: str, problems: dict[str, str]) -> BalancedLine | None:
    values = bind_element(raw, _LINE_PROPS, where, problems)
    if values is None:
        return None
    amount = bind_amount(raw, where, problems)
    if amount is None:
        return None
    return BalancedLine(
        amount=amount,
        account=values["AccountNumber"],
        balancing_account=values["BalancingAccountNumber"],
        account_vat_code=_vat_code(values["AccountVatCode"]),
        balancing_vat_code=_vat_code(values["BalancingAccountVatCode"]),
        description=values["Description"] or "",
    )


def _vat_code(raw: str | None) -> str | None:
    return None if raw is None else canonical_code(raw.strip())


def _line_amounts(line: BalancedLine, chart: Mapping[int, Account]) -> tuple[Decimal, Decimal]:
    """The line's amount excl. VAT and its VAT (reference §1.5)."""
    code = line.account_vat_code
    if code is None:
        code = getattr(chart.get(line.account), "vat_code", None)
    if code is None or get_vat_type(code) is None:
        code = line.balancing_vat_code
        if code is None and line.balancing_account is not None:
            code = getattr(chart.get(line.balancing_account), "vat_code", None)
    vat_type = None if code is None else get_vat_type(code)
    if vat_type is None:
        return line.amount, ZERO
    vat = vat_type.vat_of(line.amount)
    excl = line.amount - vat if vat_type.amount_includes_vat else line.amount
    return excl, vat


def booked_by_type(voucher: Voucher) -> str | None:
    """Dinero's `BookedByType`; an API booking names its client, as "API (client id)"."""
    if voucher.status != BOOKED or voucher.booked_by_type is None:
        return None
    if voucher.booked_by_type == "API" and voucher.booked_by_client:
        return f"API ({voucher.booked_by_client})"
    return voucher.booked_by_type


def read_model(voucher: Voucher, chart: Mapping[int, Account]) -> dict[str, Any]:
    lines: list[dict[str, Any]] = []
    total_excl = total_incl = ZERO
    for line in lines_of(voucher):
        excl, vat = _line_amounts(line, chart)
        total_excl += excl
        total_incl += excl + vat
        lines.append(
            {
                "Description": line.description,
                "AmountExclVatValue": float(excl),
                "AmountInclVatValue": float(excl + vat),
                "VatAmountValue": float(vat),
                "AccountNumber": line.account,
                "BalancingAccountNumber": line.balancing_account,
                "AccountVatCode": line.account_vat_code,
                "BalancingAccountVatCode": line.balancing_vat_code,
                "CurrencyKey": "DKK",
                "AmountInForeignCurrency": None,
            }
        )
    booked = voucher.status == BOOKED
    return {
        "VoucherNumber": voucher.number,
        "VoucherDate": None if voucher.voucher_date is None else voucher.voucher_date.isoformat(),
        "TotalInclVat": float(total_incl),
        "TotalExclVat": float(total_excl),
        "FileGuid": voucher.file_guid,
        "Guid": voucher.guid,
        "CreditNoteFor": voucher.credit_note_for,
        "Status": "Booked" if booked else "Draft",
        "Lines": lines,
        "Timestamp": voucher.timestamp,
        "ExternalReference": voucher.external_reference,
        "BookedByType": booked_by_type(voucher),
        "BookedByUsername": voucher.booked_by_user,
        "BookingTime": voucher.booked_at.date().isoformat() if voucher.booked_at else None,
    }
