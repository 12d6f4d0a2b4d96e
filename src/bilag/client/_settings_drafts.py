"""New accounts, webhook subscriptions and contact notes, checked before they are sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bilag.client._drafts import _clean, _int_problem, _text_problems

MAX_ACCOUNT_NAME = 100
MAX_NOTE_TEXT = 10_000
MAX_WEBHOOK_URI = 2000


def _number_problems(number: object, public_standard_number: object) -> list[str]:
    found = _int_problem("Number", number)
    if number is None:
        found.append("Number is required")
    elif not found and isinstance(number, int) and number <= 0:
        found.append(f"Number must be positive, not {number}")
    return found + _int_problem("PublicStandardNumber", public_standard_number)


def _name_problems(name: object) -> list[str]:
    if not isinstance(name, str) or not name.strip():
        return ["Name is required"]
    return _text_problems("Name", name, limit=MAX_ACCOUNT_NAME)


@dataclass
class EntryAccountDraft:
    """An account in the chart; `vat_code` is one of `books.vat_types` or "none"."""

    number: int
    name: str
    vat_code: str = "none"
    public_standard_number: int | None = None

    def problems(self) -> list[str]:
        found = _number_problems(self.number, self.public_standard_number)
        found += _name_problems(self.name)
        if not isinstance(self.vat_code, str) or not self.vat_code.strip():
            found.append("VatCode is required: a VAT code, or 'none'")
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Number": self.number,
                "Name": self.name,
                "VatCode": self.vat_code,
                "PublicStandardNumber": self.public_standard_number,
            }
        )


@dataclass
class DepositAccountDraft:
    """A bank or cash account that pays and receives money."""

    number: int
    name: str
    registration_number: str | None = None
    account_number: str | None = None
    swift_number: str | None = None
    iban_number: str | None = None
    public_standard_number: int | None = None

    def problems(self) -> list[str]:
        found = _number_problems(self.number, self.public_standard_number)
        found += _name_problems(self.name)
        found += _text_problems("RegistrationNumber", self.registration_number, limit=20)
        found += _text_problems("AccountNumber", self.account_number, limit=40)
        found += _text_problems("SwiftNumber", self.swift_number, limit=20)
        return found + _text_problems("IbanNumber", self.iban_number, limit=40)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Number": self.number,
                "Name": self.name,
                "RegistrationNumber": self.registration_number,
                "AccountNumber": self.account_number,
                "SwiftNumber": self.swift_number,
                "IbanNumber": self.iban_number,
                "PublicStandardNumber": self.public_standard_number,
            }
        )


@dataclass
class WebhookSubscriptionDraft:
    event_id: str
    uri: str

    def problems(self) -> list[str]:
        found = [] if isinstance(self.event_id, str) and self.event_id else ["EventId is required"]
        if not isinstance(self.uri, str):
            return [*found, "Uri must be text"]
        if len(self.uri) > MAX_WEBHOOK_URI:
            return [*found, f"Uri is at most {MAX_WEBHOOK_URI} characters"]
        try:
            parts = urlsplit(self.uri.strip())
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            valid = False
        if not valid or any(character.isspace() for character in self.uri.strip()):
            found.append(f"Uri must be an absolute http or https URL, not {self.uri!r}")
        return found

    def to_wire(self) -> dict[str, Any]:
        return {"Uri": self.uri.strip(), "EventId": self.event_id}


@dataclass
class ContactNoteDraft:
    text: str

    def problems(self) -> list[str]:
        if not isinstance(self.text, str) or not self.text.strip():
            return ["Text is required"]
        return _text_problems("Text", self.text, limit=MAX_NOTE_TEXT)

    def to_wire(self) -> dict[str, Any]:
        return {"Text": self.text}
