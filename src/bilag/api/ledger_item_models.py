"""Ledger items on the wire: reading arrays of `LedgerItemModelV2` / `LedgerItemModel` and writing
`LedgerItemReadModel`, `LedgerItemStatusReadModel` and `LedgerItemModelV2` (reference §3.9).

Bodies are JSON arrays; a problem is named by its place, ASP.NET style: `[0].Lines[1].Amount`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from bilag.api.binding import JsonBody, Prop, bind_amount, bind_element
from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.api.manual_voucher_models import parse_date
from bilag.ledger.vat import canonical_code
from bilag.storage.journal import BOOKED, PENDING
from bilag.storage.ledger_item_batches import BookRequest
from bilag.storage.ledger_item_bulk import AddedItem
from bilag.storage.ledger_items import MAX_UNBOOKED, ItemContent, ItemLine, item_lines
from bilag.storage.models import Voucher

MAX_LINES = 500
_ITEM_PROPS = (
    Prop("Id", "guid"),
    Prop("Version", max_length=100),
    Prop("VoucherNumber", "int", minimum=1),
    Prop("VoucherDate", max_length=10),
    Prop("FileGuid", max_length=64),
)
_LINE_PROPS = (
    Prop("Id", "guid"),
    Prop("Description", max_length=500),
    Prop("AccountNumber", "int"),
    Prop("AccountVatCode", max_length=10),
    Prop("BalancingAccountNumber", "int"),
    Prop("BalancingAccountVatCode", max_length=10),
    Prop("IsPaymentForVoucherId", "guid"),
)
_IDENTIFY_PROPS = (Prop("Id", "guid", required=True), Prop("Version", max_length=100))
_BLANK_IS_ABSENT = ("id", "voucherdate", "fileguid", "ispaymentforvoucherid", "version")


@dataclass(frozen=True)
class ParsedItem:
    guid: str | None
    version: str | None
    content: ItemContent


def json_array(body: JsonBody, *, required: bool = True) -> list[Any]:
    """The body as a JSON array of at most MAX_UNBOOKED objects (an absent one is [] if allowed)."""
    if body.too_large:
        message = f"The request body is too large; a JSON body may be at most {body.limit} bytes."
        raise DineroError(ErrorCode.LIMIT_EXCEEDED, message, 413)
    if not body.raw.strip():
        if required:
            raise validation_failure({"body": "A JSON array of ledger items is required."})
        return []
    try:
        value = orjson.loads(body.raw)
    except orjson.JSONDecodeError as problem:
        raise validation_failure({"body": f"The body is not valid JSON: {problem}"}) from None
    if not isinstance(value, list):
        raise validation_failure({"body": "The body must be a JSON array of ledger items."})
    if len(value) > MAX_UNBOOKED:
        raise validation_failure({"body": f"At most {MAX_UNBOOKED} ledger items per request."})
    if required and not value:
        raise validation_failure({"body": "The array must name at least one ledger item."})
    return value


def _bind(raw: Any, props: tuple[Prop, ...], where: str, problems: dict[str, str]) -> Any:
    if not isinstance(raw, dict):
        return bind_element(raw, props, where, problems)
    cleaned = {
        key: None if key.lower() in _BLANK_IS_ABSENT and value == "" else value
        for key, value in raw.items()
        if isinstance(key, str)
    }
    return bind_element(cleaned, props, where, problems)


def _field(raw: Mapping[str, Any], name: str) -> Any:
    return next((v for k, v in raw.items() if isinstance(k, str) and k.lower() == name), None)


def identify(raw_items: list[Any], *, version_required: bool = True) -> list[BookRequest]:
    """`LedgerItemModel`s: each Id a GUID, named once."""
    problems: dict[str, str] = {}
    found: list[BookRequest] = []
    named: set[str] = set()
    for index, raw in enumerate(raw_items):
        values = _bind(raw, _IDENTIFY_PROPS, f"[{index}]", problems)
        if values is None:
            continue
        if values["Id"] in named:
            problems[f"[{index}].Id"] = f"[{index}].Id names a ledger item named before."
        named.add(values["Id"])
        found.append(BookRequest(values["Id"], values["Version"] if version_required else None))
    if problems:
        raise validation_failure(problems)
    return found


def parse_items(raw_items: list[Any], *, updating: bool) -> list[ParsedItem]:
    """`LedgerItemModelV2`s; every malformed property of every item named in one 400."""
    problems: dict[str, str] = {}
    parsed: list[ParsedItem] = []
    line_ids: set[str] = set()
    named: set[str] = set()
    for index, raw in enumerate(raw_items):
        where = f"[{index}]"
        values = _bind(raw, _ITEM_PROPS, where, problems)
        if values is None:
            continue
        if updating and values["Id"] is None:
            problems[f"{where}.Id"] = f"{where}.Id is required to update a ledger item."
        if values["Id"] is not None:
            if values["Id"] in named:
                problems[f"{where}.Id"] = f"{where}.Id names a ledger item named before."
            named.add(values["Id"])
        try:
            voucher_date = parse_date(values["VoucherDate"], f"{where}.VoucherDate")
        except DineroError as failure:
            problems.update(failure.validation_errors)
            voucher_date = None
        raw_lines = _field(raw, "lines") or []
        if not isinstance(raw_lines, list) or len(raw_lines) > MAX_LINES:
            problems[f"{where}.Lines"] = f"{where}.Lines must be an array of {MAX_LINES} lines."
            raw_lines = []
        lines = [
            _line(line, f"{where}.Lines[{n}]", problems, line_ids)
            for n, line in enumerate(raw_lines)
        ]
        content = ItemContent(
            voucher_date=voucher_date,
            lines=[line for line in lines if line is not None],
            requested_number=values["VoucherNumber"],
            file_guid=(values["FileGuid"] or "").strip() or None,
            guid=values["Id"],
        )
        parsed.append(ParsedItem(values["Id"], values["Version"], content))
    if problems:
        raise validation_failure(problems)
    return parsed


def _line(raw: Any, where: str, problems: dict[str, str], line_ids: set[str]) -> ItemLine | None:
    values = _bind(raw, _LINE_PROPS, where, problems)
    if values is None:
        return None
    if values["Id"] is not None:
        if values["Id"] in line_ids:
            problems[f"{where}.Id"] = f"{where}.Id must be unique; it names a line named before."
        line_ids.add(values["Id"])
    amount = bind_amount(raw, where, problems)
    if amount is None:
        return None
    return ItemLine(
        amount=amount,
        account=values["AccountNumber"],
        balancing_account=values["BalancingAccountNumber"],
        account_vat_code=_vat_code(values["AccountVatCode"]),
        balancing_vat_code=_vat_code(values["BalancingAccountVatCode"]),
        description=values["Description"] or "",
        line_guid=values["Id"],
        payment_for=values["IsPaymentForVoucherId"],
    )


def _vat_code(raw: str | None) -> str | None:
    return None if raw is None else canonical_code(raw.strip())


def read_model(item: Voucher | AddedItem) -> dict[str, Any]:
    return {"Id": item.guid, "Version": item.timestamp}


def status_model(item: Voucher) -> dict[str, Any]:
    status = {BOOKED: "Booked", PENDING: "PendingBooking"}.get(item.status, "Draft")
    number = item.number if item.status == BOOKED else None
    return {"Id": item.guid, "Version": item.timestamp, "Status": status, "VoucherNumber": number}


def ledger_model(item: Voucher) -> dict[str, Any]:
    return {
        "Id": item.guid,
        "Version": item.timestamp,
        "VoucherNumber": item.requested_number,
        "VoucherDate": None if item.voucher_date is None else item.voucher_date.isoformat(),
        "FileGuid": item.file_guid,
        "Lines": [
            {
                "Id": line.line_guid,
                "Description": line.description,
                "Amount": float(line.amount),
                "AccountNumber": line.account,
                "AccountVatCode": line.account_vat_code,
                "BalancingAccountNumber": line.balancing_account,
                "BalancingAccountVatCode": line.balancing_vat_code,
                "IsPaymentForVoucherId": line.payment_for,
            }
            for line in item_lines(item)
        ],
    }
