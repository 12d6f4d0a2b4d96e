"""Invoices and sales credit notes as `Call` and `Listing` values (dinero-api.md §2.5, §2.7).

Both share one life cycle under their own path (`INVOICES`, `CREDIT_NOTES`): create a draft,
preview it (`fetch`), read, replace, delete and book it with its `Timestamp`, then add payments.
Each `read` argument turns the answer into the caller's model (`Invoice` or `SalesCreditNote`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from bilag.client._base import Call
from bilag.client._calls import Listing, _many, _nothing, utc_text
from bilag.client._document_models import PDF, read_pdf
from bilag.client._drafts import require_valid, wire_date
from bilag.client._errors import RequestValidationError
from bilag.client._filters import Condition, query_filter
from bilag.client._paging import MAX_PAGE_SIZE, check_page_size, sort_params
from bilag.client._product_models import InvoiceTemplate, SalesSettings
from bilag.client._sales_drafts import InvoiceDraft, PaymentDraft, SalesCreditNoteDraft
from bilag.client._sales_models import DocumentRef, PaymentRef, Payments, SalesListItem

D = TypeVar("D")
INVOICES = "/invoices"
CREDIT_NOTES = "/sales/creditnotes"
SALES = "/sales"
FILTER_NAMES = {INVOICES: "invoices", CREDIT_NOTES: "creditnotes", SALES: "sales"}
STATUSES = ("Draft", "Overdue", "Booked", "OverPaid", "Paid")
SORTS = ("VoucherNumber", "VoucherDate", "Status", "Contact")
LIST_FIELDS = (
    "Guid,Type,Number,Date,PaymentDate,Status,ContactGuid,ContactName,Description,"
    "ExternalReference,Currency,TotalExclVat,TotalInclVat,DeletedAt"
)
SalesDraft = InvoiceDraft | SalesCreditNoteDraft


def _day(name: str, value: datetime.date | str) -> str:
    text = wire_date(value) or ""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise RequestValidationError(
            [f"{name} must be a date (YYYY-MM-DD), not {text!r}"]
        ) from None
    return text


def sales_list(
    org: int,
    kind: str,
    *conditions: Condition,
    statuses: Sequence[str] = (),
    period: tuple[datetime.date | str, datetime.date | str] | None = None,
    search: str | None = None,
    changes_since: datetime.datetime | None = None,
    deleted_only: bool | None = None,
    page_size: int = MAX_PAGE_SIZE,
    sort: Sequence[str] = (),
    sort_order: str | None = None,
) -> Listing[SalesListItem]:
    params = {"fields": LIST_FIELDS, **sort_params(SORTS, sort, sort_order)}
    if (text := query_filter(FILTER_NAMES[kind], *conditions)) is not None:
        params["queryFilter"] = text
    unknown = [status for status in statuses if status not in STATUSES]
    if unknown:
        allowed = ", ".join(STATUSES)
        raise RequestValidationError([f"statusFilter takes {allowed}, not {', '.join(unknown)}"])
    if statuses:
        params["statusFilter"] = ",".join(statuses)
    if period is not None:
        start, end = _day("startDate", period[0]), _day("endDate", period[1])
        if end < start:
            raise RequestValidationError([f"endDate {end} is before startDate {start}"])
        params.update(startDate=start, endDate=end)
    if search is not None:
        params["freeTextSearch"] = search
    if changes_since is not None:
        if changes_since.tzinfo is None:
            raise RequestValidationError(["changesSince needs a timezone-aware datetime"])
        params["changesSince"] = utc_text(changes_since)
    if deleted_only is not None:
        params["deletedOnly"] = "true" if deleted_only else "false"
    path = f"/v1/{org}{kind}"
    return Listing(path, org, SalesListItem.from_wire, params, check_page_size(page_size))


def create_document(org: int, kind: str, draft: SalesDraft) -> Call[DocumentRef]:
    require_valid(draft)
    return Call("POST", f"/v1/{org}{kind}", DocumentRef.from_wire, org, body=draft.to_wire())


def fetch_document(
    org: int, kind: str, draft: SalesDraft, read: Callable[[Mapping[str, Any]], D]
) -> Call[D]:
    """The document as bilag would save it (priced, with totals), without saving it."""
    require_valid(draft)
    return Call("POST", f"/v1/{org}{kind}/fetch", read, org, body=draft.to_wire())


def document(org: int, kind: str, guid: str, read: Callable[[Mapping[str, Any]], D]) -> Call[D]:
    return Call("GET", f"/v1/{org}{kind}/{guid}", read, org)


def update_document(
    org: int, kind: str, guid: str, timestamp: str, draft: SalesDraft
) -> Call[DocumentRef]:
    """Replace a draft (`PUT /v1.2`, the newest version)."""
    require_valid(draft)
    body = {**draft.to_wire(), "Timestamp": timestamp}
    body.pop("Guid", None)
    return Call("PUT", f"/v1.2/{org}{kind}/{guid}", DocumentRef.from_wire, org, body=body)


def delete_document(org: int, kind: str, guid: str, timestamp: str) -> Call[None]:
    body = {"Timestamp": timestamp}
    return Call("DELETE", f"/v1/{org}{kind}/{guid}", _nothing, org, body=body)


def check_number(number: int | None) -> None:
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise RequestValidationError([f"Number must be a whole number, not {number!r}"])
    if number is not None and number < 1:
        raise RequestValidationError([f"Number must be 1 or more, not {number}"])


def book_document(
    org: int,
    kind: str,
    guid: str,
    timestamp: str,
    number: int | None,
    read: Callable[[Mapping[str, Any]], D],
) -> Call[D]:
    check_number(number)
    body: dict[str, Any] = {"Timestamp": timestamp}
    if number is not None:
        body["Number"] = number
    return Call("POST", f"/v1/{org}{kind}/{guid}/book", read, org, body=body)


def credit_invoice(org: int, guid: str, timestamp: str) -> Call[DocumentRef]:
    """A credit note draft for the whole of a booked invoice."""
    path = f"/v1/{org}{INVOICES}/{guid}/generate-creditnote"
    return Call("POST", path, DocumentRef.from_wire, org, body={"Timestamp": timestamp})


def credit_note_pdf(org: int, guid: str) -> Call[bytes]:
    return Call("GET", f"/v1/{org}{CREDIT_NOTES}/{guid}/pdf", read_pdf, org)


def invoice_pdf(org: int, guid: str) -> Call[bytes]:
    """Dinero serves an invoice's PDF at the invoice's own path, to `Accept: application/pdf`."""
    return Call("GET", f"/v1/{org}{INVOICES}/{guid}", read_pdf, org, accept=PDF)


def invoice_templates(org: int) -> Call[list[InvoiceTemplate]]:
    read = _many(InvoiceTemplate.from_wire)
    return Call("GET", f"/v1/{org}{INVOICES}/templates", read, org)


def sales_settings(org: int) -> Call[SalesSettings]:
    return Call("GET", f"/v1/{org}/sales/settings", SalesSettings.from_wire, org)


# Payments


def add_payment(
    org: int, kind: str, guid: str, timestamp: str, draft: PaymentDraft
) -> Call[PaymentRef]:
    require_valid(draft)
    body = {**draft.to_wire(), "Timestamp": timestamp}
    path = f"/v1/{org}{kind}/{guid}/payments"
    return Call("POST", path, PaymentRef.from_wire, org, body=body)


def payments(org: int, kind: str, guid: str) -> Call[Payments]:
    version = "v2" if kind == INVOICES else "v1"
    return Call("GET", f"/{version}/{org}{kind}/{guid}/payments", Payments.from_wire, org)


def _new_timestamp(payload: Any) -> str:
    return str(payload["TimeStamp"]) if isinstance(payload, Mapping) else ""


def delete_payment(org: int, kind: str, guid: str, payment_guid: str, timestamp: str) -> Call[str]:
    """Reverse a payment; the document's new `Timestamp`."""
    path = f"/v1/{org}{kind}/{guid}/payments/{payment_guid}"
    return Call("DELETE", path, _new_timestamp, org, body={"Timestamp": timestamp})
