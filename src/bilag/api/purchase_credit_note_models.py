"""Purchase credit notes on the wire, incoming: `PurchaseCreditNoteCreateModel` and
`PurchaseCreditNoteUpdateModel` bound into `PurchaseContent` (reference §3.7)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bilag.api.binding import Prop, bind_object
from bilag.api.errors import validation_failure
from bilag.api.purchase_models import V1_2, by_lower_name, cleaned, parse_lines, parse_wire_date
from bilag.storage.journal import get_voucher
from bilag.storage.purchases import PURCHASE, PurchaseContent

HOME_CURRENCY = "DKK"
_PROPS = (
    Prop("CreditNoteFor", "guid"),
    Prop("FileGuid", max_length=64),
    Prop("ContactGuid", "guid"),
    Prop("Currency", max_length=10),
)
GUID_PROPS = (Prop("Guid", "guid"),)
BLANK_MEANS_ABSENT = ("guid", "creditnotefor", "date", "currency")


@dataclass(frozen=True)
class CreditNoteBody:
    content: PurchaseContent
    guid: str | None = None


def parse_credit_note(raw: Mapping[str, Any], *, creating: bool) -> CreditNoteBody:
    """Every malformed property named in one 400; `Lines` is required, the currency DKK."""
    body = {
        key: value
        for key, value in cleaned(raw).items()
        if not (key.lower() in BLANK_MEANS_ABSENT and isinstance(value, str) and not value.strip())
    }
    values = bind_object(body, _PROPS)
    guid = bind_object(body, GUID_PROPS)["Guid"] if creating else None
    if by_lower_name(body).get("lines") is None:
        raise validation_failure({"Lines": "Lines is required."})
    lines = parse_lines(body, V1_2)
    currency = (values["Currency"] or HOME_CURRENCY).strip().upper()
    if currency != HOME_CURRENCY:
        message = f"bilag keeps no exchange rates, so credit notes must be in {HOME_CURRENCY}."
        raise validation_failure({"Currency": message})
    content = PurchaseContent(
        voucher_date=parse_wire_date(by_lower_name(body).get("date"), "Date") or date.today(),
        lines=lines,
        file_guid=(values["FileGuid"] or "").strip().lower() or None,
        contact_guid=values["ContactGuid"],
        currency_key=currency,
        credit_note_for=values["CreditNoteFor"],
    )
    return CreditNoteBody(content, guid)


def with_credited_purchase(
    session: Session, organization_id: int, content: PurchaseContent
) -> PurchaseContent:
    """`CreditNoteFor` must be one of the organization's purchase vouchers; the note takes its
    file and its contact unless it names its own."""
    if content.credit_note_for is None:
        return content
    credited = get_voucher(session, organization_id, content.credit_note_for, PURCHASE)
    if credited is None:
        message = f"No purchase voucher with guid '{content.credit_note_for}' was found."
        raise validation_failure({"CreditNoteFor": message})
    return replace(
        content,
        file_guid=content.file_guid or credited.file_guid,
        contact_guid=content.contact_guid or credited.contact_guid,
    )
