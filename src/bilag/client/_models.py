"""What the API answers, as typed values. Dinero's PascalCase names appear only here and in
`_drafts.py`; amounts are `Decimal` (responses are parsed with `parse_float=Decimal`).

Keys are looked up case-insensitively, because a `fields` selection returns each key the way the
caller spelled it (dinero-api.md §1.3). `raw` keeps the whole answer for fields not modelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


class Wire:
    """A case-insensitive view of one JSON object."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise ValueError(f"expected a JSON object, got {type(data).__name__}")
        self.data = data
        self._keys = {key.lower(): key for key in data}

    def get(self, name: str) -> Any:
        key = self._keys.get(name.lower())
        return None if key is None else self.data[key]

    def text(self, name: str) -> str | None:
        value = self.get(name)
        return None if value is None else str(value)

    def int(self, name: str) -> int | None:
        value = self.get(name)
        return None if value is None else int(value)

    def bool(self, name: str) -> bool:
        return bool(self.get(name))

    def amount(self, name: str) -> Decimal:
        value = self.get(name)
        return Decimal(str(value)) if value is not None else Decimal(0)


@dataclass(frozen=True)
class Organization:
    id: int
    name: str
    is_pro: bool
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Organization:
        w = Wire(data)
        return cls(id=w.int("Id") or 0, name=w.text("Name") or "", is_pro=w.bool("IsPro"), raw=data)


@dataclass(frozen=True)
class Contact:
    guid: str
    name: str
    email: str | None = None
    external_reference: str | None = None
    country_key: str | None = None
    is_person: bool = False
    deleted_at: str | None = None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Contact:
        w = Wire(data)
        return cls(
            guid=w.text("ContactGuid") or "",
            name=w.text("Name") or "",
            email=w.text("Email"),
            external_reference=w.text("ExternalReference"),
            country_key=w.text("CountryKey"),
            is_person=w.bool("IsPerson"),
            deleted_at=w.text("DeletedAt"),
            raw=data,
        )


@dataclass(frozen=True)
class Voucher:
    """A purchase or manual voucher as read back: its version is `timestamp`."""

    guid: str
    timestamp: str
    status: str
    voucher_number: int | None
    voucher_date: str | None
    file_guid: str | None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Voucher:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            timestamp=w.text("Timestamp") or "",
            status=w.text("Status") or "",
            voucher_number=w.int("VoucherNumber"),
            voucher_date=w.text("VoucherDate"),
            file_guid=w.text("FileGuid"),
            raw=data,
        )

    @property
    def purchase_type(self) -> str | None:
        return Wire(self.raw).text("PurchaseType")


@dataclass(frozen=True)
class LedgerItemRef:
    """A kassekladde item and its version, as booking and updating need them."""

    id: str
    version: str

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> LedgerItemRef:
        w = Wire(data)
        return cls(id=w.text("Id") or "", version=w.text("Version") or "")

    def to_wire(self) -> dict[str, str]:
        return {"Id": self.id, "Version": self.version}


@dataclass(frozen=True)
class LedgerItemStatus:
    id: str
    version: str
    status: str  # Draft, PendingBooking or Booked
    voucher_number: int | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> LedgerItemStatus:
        w = Wire(data)
        return cls(
            id=w.text("Id") or "",
            version=w.text("Version") or "",
            status=w.text("Status") or "",
            voucher_number=w.int("VoucherNumber"),
        )


@dataclass(frozen=True)
class Entry:
    account_number: int
    amount: Decimal
    date: str | None
    description: str | None
    voucher_number: int | None
    voucher_guid: str | None
    voucher_type: str | None
    vat_code: str | None
    file_guid: str | None
    type: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Entry:
        w = Wire(data)
        return cls(
            account_number=w.int("AccountNumber") or 0,
            amount=w.amount("Amount"),
            date=w.text("Date"),
            description=w.text("Description"),
            voucher_number=w.int("VoucherNumber"),
            voucher_guid=w.text("VoucherGuid"),
            voucher_type=w.text("VoucherType"),
            vat_code=w.text("VatCode"),
            file_guid=w.text("FileGuid"),
            type=w.text("Type"),
        )


@dataclass(frozen=True)
class Account:
    account_number: int
    name: str
    vat_code: str | None = None
    category: str | None = None
    is_hidden: bool = False

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Account:
        w = Wire(data)
        return cls(
            account_number=w.int("AccountNumber") or 0,
            name=w.text("Name") or "",
            vat_code=w.text("VatCode"),
            category=w.text("Category"),
            is_hidden=w.bool("IsHidden"),
        )


@dataclass(frozen=True)
class StoredFile:
    file_guid: str
    name: str | None = None
    size: int | None = None
    linked: bool = False

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> StoredFile:
        w = Wire(data)
        links = w.get("Linked")
        return cls(
            file_guid=w.text("FileGuid") or "",
            name=w.text("Name"),
            size=w.int("Size"),
            linked=bool(links),
        )
