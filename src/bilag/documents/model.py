"""The documents' input: frozen dataclasses the API fills from its records, and `DocumentError`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


class DocumentError(ValueError):
    """The document cannot be rendered as asked; the message names the problem."""


@dataclass(frozen=True)
class Party:
    """The organization (seller) or the contact (buyer)."""

    name: str
    street: str | None = None
    zip_code: str | None = None
    city: str | None = None
    country_key: str = "DK"
    vat_number: str | None = None
    ean_number: str | None = None
    email: str | None = None
    phone: str | None = None
    attention: str | None = None
    address_text: str | None = None


@dataclass(frozen=True)
class DocumentLine:
    description: str
    line_type: str = "Product"
    comments: str | None = None
    quantity: Decimal = Decimal(1)
    unit: str | None = None
    unit_price: Decimal = Decimal(0)
    unit_price_excl_vat: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    total_excl_vat: Decimal = Decimal(0)
    vat_rate: Decimal = Decimal(0)
    vat_code: str | None = None
    account_number: int | None = None

    @property
    def is_text(self) -> bool:
        return self.line_type == "Text"


@dataclass(frozen=True)
class TotalLine:
    label: str
    amount: Decimal
    type: str


@dataclass(frozen=True)
class SalesDocument:
    """An invoice, a credit note or a trade offer (quote); `number` is None for a draft."""

    kind: str
    number: int | None
    issue_date: date
    due_date: date | None
    currency: str
    language: str
    seller: Party
    buyer: Party
    lines: tuple[DocumentLine, ...]
    total_lines: tuple[TotalLine, ...]
    total_excl_vat: Decimal
    total_vat: Decimal
    total_incl_vat: Decimal
    show_lines_incl_vat: bool = False
    description: str | None = None
    comment: str | None = None
    external_reference: str | None = None
    payment_terms: str | None = None
    fik_code: str | None = None
    bank_account: str | None = None
    iban: str | None = None
    bic: str | None = None
    credit_note_for_number: int | None = None
    order_reference: str | None = None
    att_person: str | None = None
    guid: str | None = None


@dataclass(frozen=True)
class ReminderDocument:
    number: int
    title: str
    description: str | None
    issue_date: date
    language: str
    currency: str
    seller: Party
    buyer: Party
    invoice_number: int
    invoice_date: date
    invoice_due_date: date
    invoice_total: Decimal
    paid_amount: Decimal
    fee: Decimal
    interest: Decimal
    compensation_fee: Decimal
    total_due: Decimal
    debt_collection_warning: str | None = None
    fik_code: str | None = None
    earlier_charges: Decimal = Decimal(0)  # what the earlier booked reminders charged
    due_date: date | None = None  # when the reminder is to be paid; None: on its issue date
    bank_account: str | None = None
    iban: str | None = None
    bic: str | None = None


@dataclass(frozen=True)
class StatementEntry:
    entry_date: date
    description: str
    voucher_number: str | None
    amount: Decimal
    balance: Decimal


@dataclass(frozen=True)
class StatementDocument:
    """The state of account (kontoudtog) of one contact."""

    issue_date: date
    period_from: date | None
    period_to: date | None
    language: str
    seller: Party
    buyer: Party
    entries: tuple[StatementEntry, ...]
    opening_balance: Decimal
    closing_balance: Decimal
    currency: str = "DKK"


@dataclass(frozen=True)
class EndpointId:
    """A NemHandel address: scheme "GLN" (13 digits) or "DK:CVR" (8 digits)."""

    scheme: str
    value: str
