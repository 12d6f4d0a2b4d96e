"""Reference data and settings as typed values: countries, VAT types, accounting years, report
lines, webhooks and contact notes. Read with `Wire`, as in `_models.py`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire


@dataclass(frozen=True)
class Country:
    key: str
    danish_name: str
    english_name: str

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Country:
        w = Wire(data)
        return cls(
            key=w.text("Key") or "",
            danish_name=w.text("DanishName") or "",
            english_name=w.text("EnglishName") or "",
        )


@dataclass(frozen=True)
class VatType:
    vat_code: str
    name: str
    vat_rate: Decimal

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> VatType:
        w = Wire(data)
        return cls(
            vat_code=w.text("VatCode") or "",
            name=w.text("Name") or "",
            vat_rate=w.amount("VatRate"),
        )


@dataclass(frozen=True)
class AccountingYear:
    """`name` is what the reports take as `accounting_year` ("2026")."""

    name: str
    from_date: str
    to_date: str
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> AccountingYear:
        w = Wire(data)
        return cls(
            name=w.text("Name") or "",
            from_date=w.text("FromDate") or "",
            to_date=w.text("ToDate") or "",
            raw=data,
        )


@dataclass(frozen=True)
class ReportLine:
    account_number: int
    account_name: str | None
    amount: Decimal

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> ReportLine:
        w = Wire(data)
        return cls(
            account_number=w.int("AccountNumber") or 0,
            account_name=w.text("AccountName"),
            amount=w.amount("Amount"),
        )


@dataclass(frozen=True)
class WebhookEvent:
    event_id: str
    description: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> WebhookEvent:
        w = Wire(data)
        return cls(event_id=w.text("EventId") or "", description=w.text("Description"))


@dataclass(frozen=True)
class WebhookSubscription:
    """`secret` signs the deliveries; only the answer to `subscribe` carries it."""

    event_id: str
    uri: str
    secret: str | None = field(default=None, repr=False)
    created_at: str | None = None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> WebhookSubscription:
        w = Wire(data)
        return cls(
            event_id=w.text("EventId") or "",
            uri=w.text("Uri") or "",
            secret=w.text("Secret"),
            created_at=w.text("CreatedAt"),
        )


@dataclass(frozen=True)
class ContactNote:
    id: str
    text: str
    note_date: str | None = None
    author_name: str | None = None
    author_email: str | None = None
    deleted_at: str | None = None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> ContactNote:
        w = Wire(data)
        return cls(
            id=w.text("Id") or "",
            text=w.text("Text") or "",
            note_date=w.text("NoteDate"),
            author_name=w.text("AuthorName"),
            author_email=w.text("AuthorEmail"),
            deleted_at=w.text("DeletedAt"),
            raw=data,
        )
