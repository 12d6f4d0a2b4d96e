# Generated from _async_sales.py by tools/unasync.py: edit that file, not this one.
"""Invoices, sales credit notes and their payments: `books.invoices`, `books.sales_credit_notes`
and `books.sales` (both kinds in one list, and the invoice settings).

A write names the document by its model (`Invoice`, `SalesCreditNote`), by the `DocumentRef` a
write answered, or by its guid, which is then read first for its `Timestamp`. With
`retry_stale=True` a stale version (code 58) is re-read and the write sent once more.
"""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bilag.client import _sales_calls as sales
from bilag.client._base import Call
from bilag.client._drafts import require_valid
from bilag.client._errors import StaleVersionError
from bilag.client._filters import Condition
from bilag.client._paging import MAX_PAGE_SIZE
from bilag.client._product_models import InvoiceTemplate, SalesSettings
from bilag.client._sales_drafts import InvoiceDraft, PaymentDraft, SalesCreditNoteDraft
from bilag.client._sales_models import (
    DocumentRef,
    Invoice,
    Payment,
    PaymentRef,
    Payments,
    SalesCreditNote,
    SalesListItem,
)

if TYPE_CHECKING:
    from bilag.client._client import Client

T = TypeVar("T")
D = TypeVar("D", Invoice, SalesCreditNote)
Draft = TypeVar("Draft", InvoiceDraft, SalesCreditNoteDraft)
Period = tuple[datetime.date | str, datetime.date | str]


class _SalesResource:
    def __init__(self, client: Client, organization_id: int) -> None:
        self._client = client
        self._org = organization_id

    def _list(
        self,
        kind: str,
        conditions: Sequence[Condition],
        statuses: Sequence[str],
        period: Period | None,
        search: str | None,
        changes_since: datetime.datetime | None,
        deleted_only: bool | None,
        page_size: int,
        sort: Sequence[str],
        sort_order: str | None,
    ) -> Iterator[SalesListItem]:
        listing = sales.sales_list(
            self._org,
            kind,
            *conditions,
            statuses=statuses,
            period=period,
            search=search,
            changes_since=changes_since,
            deleted_only=deleted_only,
            page_size=page_size,
            sort=sort,
            sort_order=sort_order,
        )
        return self._client.iterate(listing)


class SalesDocuments(_SalesResource, Generic[D, Draft]):
    """What invoices and sales credit notes share."""

    _kind: str
    _read: Callable[[Mapping[str, Any]], D]
    _draft: type[Draft]

    def __init__(self, client: Client, organization_id: int) -> None:
        super().__init__(client, organization_id)
        self.payments = SalesPayments(client, organization_id, self)

    def list(
        self,
        *conditions: Condition,
        statuses: Sequence[str] = (),
        period: Period | None = None,
        search: str | None = None,
        changes_since: datetime.datetime | None = None,
        deleted_only: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        sort: Sequence[str] = (),
        sort_order: str | None = None,
    ) -> Iterator[SalesListItem]:
        """Filter with `eq`/`contains` conditions, `statuses` (Draft, Overdue, Booked, OverPaid,
        Paid), a `period` of dates, or `search` text; `sort` on VoucherNumber, VoucherDate,
        Status or Contact, `sort_order` ascending or descending (Dinero's default)."""
        args = (statuses, period, search, changes_since, deleted_only, page_size, sort, sort_order)
        return self._list(self._kind, conditions, *args)

    def get(self, guid: str) -> D:
        return self._client.execute(sales.document(self._org, self._kind, guid, self._read))

    def create(self, draft: Draft) -> DocumentRef:
        """Save a draft; its guid and version."""
        self._check(draft)
        return self._client.execute(sales.create_document(self._org, self._kind, draft))

    def fetch(self, draft: Draft) -> D:
        """The draft as it would be saved, priced and totalled, without saving it."""
        self._check(draft)
        call = sales.fetch_document(self._org, self._kind, draft, self._read)
        return self._client.execute(call)

    def update(
        self, document: D | DocumentRef | str, draft: Draft, *, retry_stale: bool = False
    ) -> DocumentRef:
        """Replace a draft with `draft` (every field: what is left out gets its default)."""
        self._check(draft)
        require_valid(draft)

        def update(guid: str, timestamp: str) -> Call[DocumentRef]:
            return sales.update_document(self._org, self._kind, guid, timestamp, draft)

        return self._versioned(document, update, retry_stale)

    def delete(self, document: D | DocumentRef | str, *, retry_stale: bool = False) -> None:
        """Delete a draft (a booked document is credited instead)."""

        def delete(guid: str, timestamp: str) -> Call[None]:
            return sales.delete_document(self._org, self._kind, guid, timestamp)

        self._versioned(document, delete, retry_stale)

    def book(
        self,
        document: D | DocumentRef | str,
        *,
        number: int | None = None,
        retry_stale: bool = False,
    ) -> D:
        """Book a draft with the next number of the series, or with `number`."""
        sales.check_number(number)

        def book(guid: str, timestamp: str) -> Call[D]:
            return sales.book_document(self._org, self._kind, guid, timestamp, number, self._read)

        return self._versioned(document, book, retry_stale)

    def _check(self, draft: object) -> None:
        if not isinstance(draft, self._draft):
            name = self._draft.__name__
            raise TypeError(f"{self._kind} are made from a {name}, not {type(draft).__name__}")

    def _versioned(
        self,
        document: D | DocumentRef | str,
        make: Callable[[str, str], Call[T]],
        retry_stale: bool,
    ) -> T:
        current = self.get(document) if isinstance(document, str) else document
        try:
            return self._client.execute(make(current.guid, current.timestamp))
        except StaleVersionError:
            if not retry_stale:
                raise
        latest = self.get(current.guid)
        return self._client.execute(make(latest.guid, latest.timestamp))


class SalesPayments:
    """`books.invoices.payments` or `books.sales_credit_notes.payments`: booked at once."""

    def __init__(
        self,
        client: Client,
        organization_id: int,
        documents: SalesDocuments[Any, Any],
    ) -> None:
        self._client = client
        self._org = organization_id
        self._documents = documents

    def list(self, document: Invoice | SalesCreditNote | DocumentRef | str) -> Payments:
        guid = document if isinstance(document, str) else document.guid
        kind = self._documents._kind
        return self._client.execute(sales.payments(self._org, kind, guid))

    def add(
        self,
        document: Invoice | SalesCreditNote | DocumentRef | str,
        draft: PaymentDraft,
        *,
        retry_stale: bool = False,
    ) -> PaymentRef:
        """Pay a booked document; the payment, and the document's new version."""
        require_valid(draft)

        def add(guid: str, timestamp: str) -> Call[PaymentRef]:
            return sales.add_payment(self._org, self._documents._kind, guid, timestamp, draft)

        return self._documents._versioned(document, add, retry_stale)

    def delete(
        self,
        document: Invoice | SalesCreditNote | DocumentRef | str,
        payment: Payment | PaymentRef | str,
        *,
        retry_stale: bool = False,
    ) -> str:
        """Reverse a payment; the document's new `Timestamp`."""
        payment_guid = payment if isinstance(payment, str) else payment.guid
        kind = self._documents._kind

        def delete(guid: str, timestamp: str) -> Call[str]:
            return sales.delete_payment(self._org, kind, guid, payment_guid, timestamp)

        return self._documents._versioned(document, delete, retry_stale)


class Invoices(SalesDocuments[Invoice, InvoiceDraft]):
    _kind = sales.INVOICES
    _read = staticmethod(Invoice.from_wire)
    _draft = InvoiceDraft

    def templates(self) -> builtins.list[InvoiceTemplate]:
        return self._client.execute(sales.invoice_templates(self._org))

    def pdf(self, invoice: Invoice | DocumentRef | str) -> bytes:
        guid = invoice if isinstance(invoice, str) else invoice.guid
        return self._client.execute(sales.invoice_pdf(self._org, guid))

    def credit(
        self, invoice: Invoice | DocumentRef | str, *, retry_stale: bool = False
    ) -> DocumentRef:
        """A credit note draft for the whole of a booked invoice (book it to credit)."""

        def credit(guid: str, timestamp: str) -> Call[DocumentRef]:
            return sales.credit_invoice(self._org, guid, timestamp)

        return self._versioned(invoice, credit, retry_stale)


class SalesCreditNotes(SalesDocuments[SalesCreditNote, SalesCreditNoteDraft]):
    _kind = sales.CREDIT_NOTES
    _read = staticmethod(SalesCreditNote.from_wire)
    _draft = SalesCreditNoteDraft

    def pdf(self, credit_note: SalesCreditNote | DocumentRef | str) -> bytes:
        guid = credit_note if isinstance(credit_note, str) else credit_note.guid
        return self._client.execute(sales.credit_note_pdf(self._org, guid))


class Sales(_SalesResource):
    """`books.sales`: invoices and credit notes in one list, and the invoice settings."""

    def list(
        self,
        *conditions: Condition,
        statuses: Sequence[str] = (),
        period: Period | None = None,
        search: str | None = None,
        changes_since: datetime.datetime | None = None,
        deleted_only: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        sort: Sequence[str] = (),
        sort_order: str | None = None,
    ) -> Iterator[SalesListItem]:
        args = (statuses, period, search, changes_since, deleted_only, page_size, sort, sort_order)
        return self._list(sales.SALES, conditions, *args)

    def settings(self) -> SalesSettings:
        return self._client.execute(sales.sales_settings(self._org))
