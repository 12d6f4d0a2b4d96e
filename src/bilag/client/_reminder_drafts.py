"""A reminder to add, change or preview (`ReminderCreateModel`, `ReminderFetchModel`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from bilag.client._drafts import _clean, _date_problem, _text_problems, wire_date


@dataclass
class ReminderDraft:
    """The reminder's date (not before the invoice is due, nor before the last reminder's) and
    what it charges. The title and letter default to "Rykker N" and Dinero's text."""

    date: datetime.date | str
    with_fee: bool = True
    with_interest_fee: bool = False
    with_compensation_fee: bool = False
    with_debt_collection_warning: bool = False
    title: str | None = None
    description: str | None = None

    def problems(self) -> list[str]:
        found = _date_problem("Date", self.date, required=True)
        flags = {
            "WithFee": self.with_fee,
            "WithInterestFee": self.with_interest_fee,
            "WithCompensationFee": self.with_compensation_fee,
            "WithDebtCollectionWarning": self.with_debt_collection_warning,
        }
        found += [f"{k} must be true or false" for k, v in flags.items() if not isinstance(v, bool)]
        found += _text_problems("Title", self.title, limit=200)
        return found + _text_problems("Description", self.description, limit=4000)

    def to_wire(self, *, preview: bool = False) -> dict[str, Any]:
        body = {
            "Date": wire_date(self.date),
            "WithFee": self.with_fee,
            "WithInterestFee": self.with_interest_fee,
            "WithCompensationFee": self.with_compensation_fee,
            "WithDebtCollectionWarning": self.with_debt_collection_warning,
        }
        if not preview:
            body |= {"Title": self.title, "Description": self.description}
        return _clean(body)
