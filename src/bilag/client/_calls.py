"""Every endpoint the SDK speaks, as `Call` and `Listing` values: what to send and how to read it.

`Client` and `AsyncClient` run the same values, so an endpoint is described once. Drafts are
checked (`require_valid`) when the call is built, before anything is sent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bilag.client._base import Call
from bilag.client._drafts import (
    MAX_LEDGER_ITEMS,
    ContactDraft,
    PurchaseVoucherDraft,
    require_valid,
    wire_date,
)
from bilag.client._errors import RequestValidationError
from bilag.client._filters import Condition, query_filter
from bilag.client._ledger_drafts import LedgerItemDraft, ManualVoucherDraft
from bilag.client._models import (
    Account,
    Contact,
    Entry,
    LedgerItemRef,
    LedgerItemStatus,
    Organization,
    StoredFile,
    Voucher,
)
from bilag.client._paging import MAX_PAGE_SIZE, Pager, check_page_size

T = TypeVar("T")
MAX_FILE_BYTES = 6 * 1024 * 1024
CONTACT_FIELDS = (
    "ContactGuid,Name,Email,ExternalReference,CountryKey,IsPerson,VatNumber,Phone,"
    "CreatedAt,UpdatedAt,DeletedAt"
)
ORGANIZATION_FIELDS = "Id,Name,IsPro,IsPayingPro,IsVatFree"


@dataclass(frozen=True)
class Listing(Generic[T]):
    path: str
    organization_id: int
    read_item: Callable[[Mapping[str, Any]], T]
    params: Mapping[str, str] = field(default_factory=dict)
    page_size: int = MAX_PAGE_SIZE

    def pager(self) -> Pager[T]:
        return Pager(self.read_item, params=self.params, page_size=self.page_size)

    def page_call(self, pager: Pager[T]) -> Call[Any]:
        return Call("GET", self.path, lambda payload: payload, self.organization_id, pager.params())


def _many(read: Callable[[Mapping[str, Any]], T]) -> Callable[[Any], list[T]]:
    def read_all(payload: Any) -> list[T]:
        if not isinstance(payload, list):
            raise ValueError(f"expected a JSON array, got {type(payload).__name__}")
        return [read(item) for item in payload]

    return read_all


def _nothing(_payload: Any) -> None:
    return None


def organizations() -> Call[list[Organization]]:
    read = _many(Organization.from_wire)
    return Call("GET", "/v1/organizations", read, params={"fields": ORGANIZATION_FIELDS})


# Contacts


def contacts(
    org: int,
    *conditions: Condition,
    page_size: int = MAX_PAGE_SIZE,
    changes_since: datetime.datetime | None = None,
    deleted_only: bool | None = None,
) -> Listing[Contact]:
    params = {"fields": CONTACT_FIELDS}
    if (text := query_filter("contacts", *conditions)) is not None:
        params["queryFilter"] = text
    if changes_since is not None:
        if changes_since.tzinfo is None:
            raise RequestValidationError(["changesSince needs a timezone-aware datetime"])
        utc = changes_since.astimezone(datetime.UTC)
        params["changesSince"] = utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    if deleted_only is not None:
        params["deletedOnly"] = "true" if deleted_only else "false"
    return Listing(
        f"/v1/{org}/contacts", org, Contact.from_wire, params, check_page_size(page_size)
    )


def contact(org: int, guid: str) -> Call[Contact]:
    return Call("GET", f"/v1/{org}/contacts/{guid}", Contact.from_wire, org)


def create_contact(org: int, draft: ContactDraft) -> Call[str]:
    require_valid(draft)
    return Call(
        "POST", f"/v1/{org}/contacts", lambda p: str(p["ContactGuid"]), org, body=draft.to_wire()
    )


# Files


def upload_file(org: int, name: str, content: bytes, content_type: str) -> Call[str]:
    problems = [] if name.strip() else ["a file needs a name"]
    if len(content) > MAX_FILE_BYTES:
        problems.append(f"{name} is {len(content)} bytes; Dinero takes at most 6 MB")
    if not content:
        problems.append(f"{name} is empty")
    if problems:
        raise RequestValidationError(problems)
    files = {"file": (name, content, content_type)}
    params = {"fileName": name}
    return Call("POST", f"/v1/{org}/files", lambda p: str(p["FileGuid"]), org, params, files=files)


def files(
    org: int, *, unused_only: bool = False, page_size: int = MAX_PAGE_SIZE
) -> Listing[StoredFile]:
    params = {"fileStatus": "Unused" if unused_only else "All"}
    return Listing(
        f"/v1/{org}/files", org, StoredFile.from_wire, params, check_page_size(page_size)
    )


# Purchase and manual vouchers

PURCHASE = "/vouchers/purchase"
MANUAL = "/vouchers/manuel"  # sic: Dinero spells it so


def create_purchase_voucher(org: int, draft: PurchaseVoucherDraft) -> Call[Voucher]:
    require_valid(draft)
    return Call("POST", f"/v1.2/{org}{PURCHASE}", Voucher.from_wire, org, body=draft.to_wire())


def create_manual_voucher(org: int, draft: ManualVoucherDraft) -> Call[Voucher]:
    require_valid(draft)
    return Call("POST", f"/v1/{org}{MANUAL}", Voucher.from_wire, org, body=draft.to_wire())


def voucher(org: int, kind: str, guid: str) -> Call[Voucher]:
    return Call("GET", f"/v1/{org}{kind}/{guid}", Voucher.from_wire, org)


def update_voucher(
    org: int, kind: str, guid: str, timestamp: str, draft: PurchaseVoucherDraft | ManualVoucherDraft
) -> Call[Voucher]:
    require_valid(draft)
    body = {**draft.to_wire(), "Timestamp": timestamp}
    return Call("PUT", f"/v1/{org}{kind}/{guid}", Voucher.from_wire, org, body=body)


def book_voucher(org: int, kind: str, guid: str, timestamp: str) -> Call[Voucher]:
    body = {"Timestamp": timestamp}
    return Call("POST", f"/v1/{org}{kind}/{guid}/book", Voucher.from_wire, org, body=body)


# Kassekladde (ledger items)


def _ref(payload: Any) -> LedgerItemRef:
    if isinstance(payload, list):  # some deployments answer with an array of one
        payload = payload[0]
    return LedgerItemRef.from_wire(payload)


def add_ledger_item(org: int, item: LedgerItemDraft) -> Call[LedgerItemRef]:
    require_valid(item)
    return Call("POST", f"/v1.2/{org}/ledgeritems", _ref, org, body=[item.to_wire()])


def add_ledger_items(org: int, items: Sequence[LedgerItemDraft]) -> Call[None]:
    """Several items in one call; each needs its `id`, since the answer names only the first."""
    problems = [] if items else ["send at least one ledger item"]
    if len(items) > MAX_LEDGER_ITEMS:
        problems.append(f"at most {MAX_LEDGER_ITEMS} ledger items at once, not {len(items)}")
    problems += [p for index, item in enumerate(items) for p in item.problems(f"[{index}]")]
    problems += [f"[{i}].Id is needed in a batch" for i, item in enumerate(items) if not item.id]
    if problems:
        raise RequestValidationError(problems)
    body = [item.to_wire() for item in items]
    return Call("POST", f"/v1.2/{org}/ledgeritems", _nothing, org, body=body)


def unbooked_ledger_items(org: int, ids: Sequence[str]) -> Call[list[LedgerItemRef]]:
    body = [{"Id": item_id} for item_id in ids]
    read = _many(LedgerItemRef.from_wire)
    return Call("POST", f"/v1/{org}/ledgeritems/ledgers", read, org, body=body)


def _identify(refs: Sequence[LedgerItemRef]) -> list[dict[str, str]]:
    if not refs:
        raise RequestValidationError(["name at least one ledger item"])
    if len(refs) > MAX_LEDGER_ITEMS:
        raise RequestValidationError([f"at most {MAX_LEDGER_ITEMS} ledger items at once"])
    return [ref.to_wire() for ref in refs]


def book_ledger_items(org: int, refs: Sequence[LedgerItemRef]) -> Call[None]:
    return Call("POST", f"/v1/{org}/ledgeritems/book", _nothing, org, body=_identify(refs))


def ledger_item_status(org: int, ids: Sequence[str]) -> Call[list[LedgerItemStatus]]:
    if not ids:
        raise RequestValidationError(["name at least one ledger item"])
    body = [{"Id": item_id} for item_id in ids]
    read = _many(LedgerItemStatus.from_wire)
    return Call("POST", f"/v1/{org}/ledgeritems/status", read, org, body=body)


# Entries and accounts


def entries(
    org: int, from_date: datetime.date | str, to_date: datetime.date | str, include_primo: bool
) -> Call[list[Entry]]:
    start, end = wire_date(from_date) or "", wire_date(to_date) or ""
    if end < start:
        raise RequestValidationError([f"toDate {end} is before fromDate {start}"])
    params = {
        "fromDate": start,
        "toDate": end,
        "includePrimo": "true" if include_primo else "false",
    }
    return Call("GET", f"/v1/{org}/entries", _many(Entry.from_wire), org, params)


def accounts(org: int, kind: str = "entry") -> Call[list[Account]]:
    if kind not in ("entry", "purchase", "deposit"):
        raise RequestValidationError([f"accounts are entry, purchase or deposit, not {kind!r}"])
    return Call("GET", f"/v1/{org}/accounts/{kind}", _many(Account.from_wire), org)
