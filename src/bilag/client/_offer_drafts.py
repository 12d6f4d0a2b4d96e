"""A trade offer to create, change or preview (`TradeOfferCreateModel`), checked before it is
sent: at least one line, each an `InvoiceLine` as on an invoice."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bilag.client._drafts import (
    MAX_REFERENCE,
    _clean,
    _date_problem,
    _guid_problem,
    _text_problems,
    wire_date,
)
from bilag.client._sales_drafts import LANGUAGES, MAX_LINES, InvoiceLine


@dataclass
class TradeOfferDraft:
    contact_guid: str | None
    lines: Sequence[InvoiceLine] = field(default_factory=list)
    date: datetime.date | str | None = None  # today when left out
    description: str | None = None
    comment: str | None = None
    address: str | None = None
    external_reference: str | None = None
    currency: str | None = None  # DKK when left out
    language: Literal["da-DK", "en-GB"] | None = None
    show_lines_incl_vat: bool | None = None
    invoice_template_id: str | None = None
    guid: str | None = None  # create only: choose the new offer's guid

    def problems(self) -> list[str]:
        found = _guid_problem("ContactGuid", self.contact_guid)
        found += _date_problem("Date", self.date, required=False)
        if not self.lines:
            found.append("ProductLines must hold at least one line")
        if len(self.lines) > MAX_LINES:
            found.append(f"a trade offer has at most {MAX_LINES} lines, not {len(self.lines)}")
        for index, line in enumerate(self.lines):
            found += line.problems(f"ProductLines[{index}]")
        if self.currency is not None and not re.fullmatch(r"[A-Za-z]{3}", self.currency):
            found.append(f"Currency must be three letters, such as DKK, not {self.currency!r}")
        if self.language not in (None, *LANGUAGES):
            found.append(f"Language is da-DK or en-GB, not {self.language!r}")
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        found += _text_problems("Description", self.description, limit=2000)
        found += _guid_problem("InvoiceTemplateId", self.invoice_template_id)
        return found + _guid_problem("Guid", self.guid)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "ContactGuid": self.contact_guid,
                "Guid": self.guid,
                "Date": wire_date(self.date),
                "ProductLines": [line.to_wire() for line in self.lines],
                "Description": self.description,
                "Comment": self.comment,
                "Address": self.address,
                "ExternalReference": self.external_reference,
                "Currency": self.currency.upper() if self.currency else None,
                "Language": self.language,
                "ShowLinesInclVat": self.show_lines_incl_vat,
                "InvoiceTemplateId": self.invoice_template_id,
            }
        )
