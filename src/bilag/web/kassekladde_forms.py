"""A grid row's form as the API's `LedgerItemModelV2` JSON, and stored items back into it.

The page does not judge the values: what the user typed goes to the API as text (Danish
"1.234,56" becomes "1234.56"), so a bad amount or account gets the API's own error.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilag.storage.ledger_items import ItemLine, item_lines
from bilag.storage.models import Voucher
from bilag.web.forms import Fields, single

ROW_FIELDS = ("date", "number", "text", "account", "vat", "amount", "balancing")


@dataclass(frozen=True)
class RowInput:
    """The row's fields as typed (stripped), to send on and to show again after an error."""

    date: str = ""
    number: str = ""
    text: str = ""
    account: str = ""
    vat: str = ""
    amount: str = ""
    balancing: str = ""


def read_row(fields: Fields) -> RowInput:
    values = {name: (single(fields, name, max_length=500) or "").strip() for name in ROW_FIELDS}
    return RowInput(**values)


def plain_amount(typed: str) -> str:
    """ "1.234,56", "1,234.56" and "1234,56" as "1234.56": the last separator is the decimal
    point when both appear, a lone comma is one; anything else is left for the API to judge."""
    text = typed.replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    return text.replace(",", ".")


def _number_or_text(typed: str) -> int | str | None:
    if not typed:
        return None
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) <= 12 else typed


def line_json(row: RowInput, line_id: str | None = None) -> dict[str, Any]:
    line: dict[str, Any] = {
        "Description": row.text,
        "Amount": plain_amount(row.amount) or None,
        "AccountNumber": _number_or_text(row.account),
        "AccountVatCode": row.vat or None,
        "BalancingAccountNumber": _number_or_text(row.balancing),
    }
    if line_id:
        line["Id"] = line_id
    return line


def stored_line_json(line: ItemLine) -> dict[str, Any]:
    return {
        "Id": line.line_guid,
        "Description": line.description,
        "Amount": str(line.amount),
        "AccountNumber": line.account,
        "AccountVatCode": line.account_vat_code,
        "BalancingAccountNumber": line.balancing_account,
        "BalancingAccountVatCode": line.balancing_vat_code,
        "IsPaymentForVoucherId": line.payment_for,
    }


def new_item_json(row: RowInput) -> dict[str, Any]:
    return {
        "VoucherDate": row.date or None,
        "VoucherNumber": _number_or_text(row.number),
        "Lines": [line_json(row)],
    }


def item_json(
    item: Voucher,
    version: str,
    lines: Sequence[dict[str, Any]],
    *,
    row: RowInput | None = None,
    file_guid: str | None = None,
) -> dict[str, Any]:
    """The whole item for an update: its stored fields, the row's date and number when given."""
    return {
        "Id": item.guid,
        "Version": version,
        "VoucherDate": (row.date or None)
        if row is not None
        else (None if item.voucher_date is None else item.voucher_date.isoformat()),
        "VoucherNumber": _number_or_text(row.number) if row is not None else item.requested_number,
        "FileGuid": file_guid if file_guid is not None else item.file_guid,
        "Lines": list(lines),
    }


def lines_with(item: Voucher, line_id: str, new: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The item's lines with `line_id` replaced by `new`, or left out when `new` is None."""
    result: list[dict[str, Any]] = []
    for line in item_lines(item):
        if line.line_guid == line_id:
            if new is not None:
                result.append({**stored_line_json(line), **new})
        else:
            result.append(stored_line_json(line))
    return result


def has_line(item: Voucher, line_id: str) -> bool:
    return any(line.line_guid == line_id for line in item_lines(item))


def multipart_file(filename: str, content_type: str, data: bytes) -> tuple[bytes, str]:
    """A `multipart/form-data` body of one part named "file", and its content type."""
    boundary = "bilag-" + secrets.token_hex(16)
    safe_name = filename.replace('"', "").replace("\r", "").replace("\n", "") or "file"
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{safe_name}"\r\n'
        f"Content-Type: {content_type or 'application/octet-stream'}\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + data + tail, f"multipart/form-data; boundary={boundary}"
