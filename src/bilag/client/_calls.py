"""Every endpoint the SDK speaks, as `Call` and `Listing` values: what to send and how to read it.

`Client` and `AsyncClient` run the same values, so an endpoint is described once. Drafts are
checked (`require_valid`) when the call is built, before anything is sent.
"""

from __future__ import annotations

import datetime
import mimetypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from bilag.client._base import Call
from bilag.client._drafts import (
    ContactDraft,
    require_valid,
    wire_date,
)
from bilag.client._errors import RequestValidationError
from bilag.client._filters import Condition, query_filter
from bilag.client._models import (
    Account,
    Contact,
    Entry,
    Organization,
    StoredFile,
)
from bilag.client._paging import MAX_PAGE_SIZE, Pager, check_page_size

T = TypeVar("T")
MAX_FILE_BYTES = 6 * 1024 * 1024
MAX_CHANGES_WINDOW = datetime.timedelta(days=31)
CONTACT_FIELDS = (
    "ContactGuid,Name,Email,ExternalReference,CountryKey,IsPerson,VatNumber,Phone,"
    "CreatedAt,UpdatedAt,DeletedAt"
)
ORGANIZATION_FIELDS = "Id,Name,IsPro,IsPayingPro,IsVatFree"
UNATTACHED = (
    "{name} was uploaded with nothing to attach it to; the user will not see it until a voucher "
    "uses FileGuid {guid} (use upload_and_attach, or pass warn=False if you attach it yourself)"
)


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
        params["changesSince"] = utc_text(changes_since)
    if deleted_only is not None:
        params["deletedOnly"] = "true" if deleted_only else "false"
    return Listing(
        f"/v1/{org}/contacts", org, Contact.from_wire, params, check_page_size(page_size)
    )


def utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def contact(org: int, guid: str) -> Call[Contact]:
    return Call("GET", f"/v1/{org}/contacts/{guid}", Contact.from_wire, org)


def create_contact(org: int, draft: ContactDraft) -> Call[str]:
    require_valid(draft)
    return Call(
        "POST", f"/v1/{org}/contacts", lambda p: str(p["ContactGuid"]), org, body=draft.to_wire()
    )


def update_contact(org: int, guid: str, draft: ContactDraft) -> Call[None]:
    """Replace the contact (`PUT /v2`, the version Dinero keeps)."""
    require_valid(draft)
    body = {k: v for k, v in draft.to_wire().items() if k != "ContactGuid"}
    return Call("PUT", f"/v2/{org}/contacts/{guid}", _nothing, org, body=body)


def delete_contact(org: int, guid: str) -> Call[None]:
    return Call("DELETE", f"/v1/{org}/contacts/{guid}", _nothing, org)


# Files


def content_type_of(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


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


def entry_changes(
    org: int, changes_from: datetime.datetime, changes_to: datetime.datetime, include_primo: bool
) -> Call[list[Entry]]:
    """Postings recorded in a window of at most 31 days (timezone-aware datetimes)."""
    problems = [
        f"{name} needs a timezone-aware datetime"
        for name, moment in (("changesFrom", changes_from), ("changesTo", changes_to))
        if moment.tzinfo is None
    ]
    if not problems and changes_to < changes_from:
        problems.append("changesTo is before changesFrom")
    elif not problems and changes_to - changes_from > MAX_CHANGES_WINDOW:
        problems.append("the window from changesFrom to changesTo can be at most 31 days")
    if problems:
        raise RequestValidationError(problems)
    params = {
        "changesFrom": utc_text(changes_from),
        "changesTo": utc_text(changes_to),
        "includePrimo": "true" if include_primo else "false",
    }
    return Call("GET", f"/v1/{org}/entries/changes", _many(Entry.from_wire), org, params)


def accounts(org: int, kind: str = "entry") -> Call[list[Account]]:
    if kind not in ("entry", "purchase", "deposit"):
        raise RequestValidationError([f"accounts are entry, purchase or deposit, not {kind!r}"])
    return Call("GET", f"/v1/{org}/accounts/{kind}", _many(Account.from_wire), org)
