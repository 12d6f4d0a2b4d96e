"""The entries feed's wire model (EntryReadModel), its query parameters and the JSON stream.

- Dates: `YYYY-MM-DD` or an ISO date-time (`2026-03-01T00:00:00`, with `Z` or an offset). A
  business date keeps the day as written; a change window converts zoned values to UTC.
- `EntryGuid` is stable: a name-based UUID of the organization and the entry's id; a primo
  entry's is made from the organization, the year's first day and the account.
- `VoucherType` is Dinero's name for the kind of voucher behind the entry (`VOUCHER_TYPES`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import orjson

from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.api.schemas import WireModel, query_parameter
from bilag.ledger.vat import get_vat_type

ENTRY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://bilag/entries")
VOUCHER_TYPES = {
    "manual": "Manuel",
    "purchase": "Purchases",
    "purchase_credit_note": "PurchaseCreditNote",
    "purchase_payment": "PurchasePayment",
    "ledger_item": "Kassekladde",
    "invoice": "Invoice",
    "credit_note": "CreditNote",
    "sales_payment": "SalesPayment",
    "reminder": "Reminder",
}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
JSON_MEDIA_TYPE = "application/json; charset=utf-8"


class EntryReadModel(WireModel):
    AccountNumber: int
    AccountName: str | None = None
    Date: str | None = None
    VoucherNumber: int | None = None
    VoucherGuid: str | None = None
    FileGuid: str | None = None
    VoucherType: str | None = None
    Description: str | None = None
    VatType: str | None = None
    VatCode: str | None = None
    Amount: float
    EntryGuid: str | None = None
    ContactGuid: str | None = None
    Type: str | None = None


def _moment_parameter(name: str, description: str) -> dict[str, Any]:
    return query_parameter(name, {"type": "string", "format": "date-time"}, description)


INCLUDE_PRIMO = query_parameter(
    "includePrimo",
    {"type": "boolean", "default": True},
    "Include primo entries: each balance-sheet account's opening balance, dated the year's "
    "first day.",
)
ENTRIES_PARAMETERS = [
    _moment_parameter("fromDate", "First day, YYYY-MM-DD (a date-time's day counts)."),
    _moment_parameter("toDate", "Last day, inclusive; in the same accounting year as fromDate."),
    INCLUDE_PRIMO,
]
CHANGES_PARAMETERS = [
    _moment_parameter("changesFrom", "Entries recorded at or after this instant (UTC)."),
    _moment_parameter(
        "changesTo", "Entries recorded before this instant; a bare date includes that day."
    ),
    INCLUDE_PRIMO,
]


def _bad_format(name: str, raw: str) -> DineroError:
    message = f"{name} must be a date (YYYY-MM-DD) or a date-time, not '{raw}'."
    return DineroError(ErrorCode.INVALID_FORMAT, message, validation_errors={name: message})


def required_moment(query: QueryParameters, name: str) -> tuple[datetime, bool]:
    """The value as sent (zoned or not), and whether it was a bare date."""
    raw = query.text(name)
    if raw is None:
        raise validation_failure({name: f"{name} is required (YYYY-MM-DD or a date-time)."})
    return parse_moment(raw, name)


def parse_moment(raw: str, name: str) -> tuple[datetime, bool]:
    """`raw` as a moment (zoned or not), and whether it was a bare date; 400 naming `name`."""
    try:
        if _DATE_ONLY.match(raw):
            return datetime.combine(date.fromisoformat(raw), datetime.min.time()), True
        return datetime.fromisoformat(raw), False
    except ValueError:
        raise _bad_format(name, raw) from None


def as_utc(moment: datetime) -> datetime:
    """A naive UTC instant, as the journal records `created_at`."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return datetime.min if moment.year == 1 else datetime.max


def include_primo(query: QueryParameters) -> bool:
    found = query.boolean("includePrimo")
    return True if found is None else found


def entry_shaper(
    organization_id: int, names: Mapping[int, str]
) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """Turns an `entry_reads.ENTRY_COLUMNS` row into an EntryReadModel."""

    def shape(row: Sequence[Any]) -> dict[str, Any]:
        (entry_id, account, ore, vat_code, text, voucher, number, kind, file, contact, day) = row
        vat_type = get_vat_type(vat_code) if vat_code else None
        return {
            "AccountNumber": account,
            "AccountName": names.get(account),
            "Date": day.isoformat(),
            "VoucherNumber": number,
            "VoucherGuid": voucher or None,
            "FileGuid": file,
            "VoucherType": VOUCHER_TYPES.get(kind, kind) if kind else None,
            "Description": text,
            "VatType": None if vat_type is None else vat_type.name,
            "VatCode": vat_code or None,
            "Amount": ore / 100,
            "EntryGuid": str(uuid.uuid5(ENTRY_NAMESPACE, f"{organization_id}:{entry_id}")),
            "ContactGuid": contact,
            "Type": "Normal",
        }

    return shape


def primo_entries(
    organization_id: int, first_day: date, opening: Mapping[int, Decimal], names: Mapping[int, str]
) -> list[dict[str, Any]]:
    """One Primo entry per account, carrying its opening balance for the year."""
    return [
        {
            "AccountNumber": account,
            "AccountName": names.get(account),
            "Date": first_day.isoformat(),
            "VoucherNumber": None,
            "VoucherGuid": None,
            "FileGuid": None,
            "VoucherType": None,
            "Description": "Primo",
            "VatType": None,
            "VatCode": None,
            "Amount": float(amount),
            "EntryGuid": str(
                uuid.uuid5(ENTRY_NAMESPACE, f"{organization_id}:primo:{first_day}:{account}")
            ),
            "ContactGuid": None,
            "Type": "Primo",
        }
        for account, amount in sorted(opening.items())
    ]


def json_array_stream(
    head: Iterable[dict[str, Any]],
    batches: Generator[Sequence[Any], None, None],
    shape: Callable[[Sequence[Any]], dict[str, Any]],
) -> Generator[bytes, None, None]:
    """A JSON array written batch by batch: `head`, then every row of `batches`, shaped."""
    try:
        yield b"["
        separator = b""
        first = orjson.dumps(list(head))[1:-1]
        if first:
            yield first
            separator = b","
        for batch in batches:
            if batch:
                yield separator + orjson.dumps([shape(row) for row in batch])[1:-1]
                separator = b","
        yield b"]"
    finally:
        batches.close()
