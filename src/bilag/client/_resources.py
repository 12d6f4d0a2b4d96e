# Generated from _async_resources.py by tools/unasync.py: edit that file, not this one.
"""One organization's resources: `client.books(organization_id)` and what it holds."""

from __future__ import annotations

import builtins
import datetime
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar, overload

from bilag.client import _booking_calls as booking
from bilag.client import _calls
from bilag.client import _extras as extras
from bilag.client import _purchase_extras as purchase
from bilag.client import _settings as settings
from bilag.client._base import Call
from bilag.client._documents import AccountStatements, Attachments
from bilag.client._drafts import ContactDraft, PurchaseVoucherDraft, require_valid
from bilag.client._errors import StaleVersionError, UnattachedFileWarning
from bilag.client._filters import Condition
from bilag.client._ledger_drafts import LedgerItemDraft, ManualVoucherDraft
from bilag.client._models import (
    Account,
    Contact,
    Entry,
    LedgerItemRef,
    LedgerItemStatus,
    StoredFile,
    Voucher,
)
from bilag.client._offers import TradeOffers
from bilag.client._paging import MAX_PAGE_SIZE
from bilag.client._products import Products
from bilag.client._reminders import Reminders
from bilag.client._sales import Invoices, Sales, SalesCreditNotes
from bilag.client._sending import Sending

T = TypeVar("T")

if TYPE_CHECKING:
    from bilag.client._client import Client


class Books:
    """`client.books(organization_id)`: the resources of one organization."""

    def __init__(self, client: Client, organization_id: int) -> None:
        self.organization_id = organization_id
        self.contacts = Contacts(client, organization_id)
        self.purchase_vouchers = PurchaseVouchers(client, organization_id, booking.PURCHASE)
        self.manual_vouchers = Vouchers(client, organization_id, booking.MANUAL)
        self.ledger = Ledger(client, organization_id)
        self.files = Files(client, organization_id, self)
        self.entries = Entries(client, organization_id)
        self.accounts = Accounts(client, organization_id)
        self.contact_notes = extras.ContactNotes(client, organization_id)
        self.purchase_credit_notes = purchase.PurchaseCreditNotes(client, organization_id)
        self.purchase_payments = purchase.PurchasePayments(client, organization_id)
        self.vat_types = settings.VatTypes(client, organization_id)
        self.accounting_years = settings.AccountingYears(client, organization_id)
        self.reports = settings.Reports(client, organization_id)
        self.webhooks = settings.Webhooks(client, organization_id)
        self.invoices = Invoices(client, organization_id)
        self.sales_credit_notes = SalesCreditNotes(client, organization_id)
        self.sales = Sales(client, organization_id)
        self.products = Products(client, organization_id)
        self.sending = Sending(client, organization_id)
        self.reminders = Reminders(client, organization_id)
        self.trade_offers = TradeOffers(client, organization_id)
        self.state_of_account = AccountStatements(client, organization_id)
        self.attachments = Attachments(client, organization_id)


class _Resource:
    def __init__(self, client: Client, organization_id: int) -> None:
        self._client = client
        self._org = organization_id


class Contacts(extras.ContactRestore, _Resource):
    def list(
        self,
        *conditions: Condition,
        page_size: int = MAX_PAGE_SIZE,
        changes_since: datetime.datetime | None = None,
        deleted_only: bool | None = None,
    ) -> Iterator[Contact]:
        listing = _calls.contacts(
            self._org,
            *conditions,
            page_size=page_size,
            changes_since=changes_since,
            deleted_only=deleted_only,
        )
        return self._client.iterate(listing)

    def get(self, guid: str) -> Contact:
        return self._client.execute(_calls.contact(self._org, guid))

    def update(self, guid: str, draft: ContactDraft) -> None:
        """Replace the contact with `draft` (every field: what is left out is cleared)."""
        self._client.execute(_calls.update_contact(self._org, guid, draft))

    def delete(self, guid: str) -> None:
        """Delete the contact (it can be restored, and lists show it with `deleted_only`)."""
        self._client.execute(_calls.delete_contact(self._org, guid))

    def create(self, draft: ContactDraft) -> str:
        """The new contact's guid."""
        return self._client.execute(_calls.create_contact(self._org, draft))


class Vouchers(_Resource):
    """Purchase vouchers (`/vouchers/purchase`) or manual vouchers (`/vouchers/manuel`)."""

    def __init__(self, client: Client, organization_id: int, kind: str) -> None:
        super().__init__(client, organization_id)
        self._kind = kind

    def create(self, draft: PurchaseVoucherDraft | ManualVoucherDraft) -> Voucher:
        if self._kind == booking.PURCHASE:
            if not isinstance(draft, PurchaseVoucherDraft):
                raise TypeError("purchase vouchers are made from a PurchaseVoucherDraft")
            return self._client.execute(booking.create_purchase_voucher(self._org, draft))
        if not isinstance(draft, ManualVoucherDraft):
            raise TypeError("manual vouchers are made from a ManualVoucherDraft")
        return self._client.execute(booking.create_manual_voucher(self._org, draft))

    def get(self, guid: str) -> Voucher:
        return self._client.execute(booking.voucher(self._org, self._kind, guid))

    def update(
        self,
        voucher: Voucher,
        draft: PurchaseVoucherDraft | ManualVoucherDraft,
        *,
        retry_stale: bool = False,
    ) -> Voucher:
        """Replace a draft voucher, carrying its Timestamp. With `retry_stale`, a stale version
        (code 58) is re-read and the update sent once more."""

        def update(timestamp: str) -> Call[Voucher]:
            return booking.update_voucher(self._org, self._kind, voucher.guid, timestamp, draft)

        return self._with_timestamp(voucher, update, retry_stale)

    def book(self, voucher: Voucher | str, *, retry_stale: bool = False) -> Voucher:
        """Book a draft; given only its guid, the voucher is read first for its Timestamp."""
        current = self.get(voucher) if isinstance(voucher, str) else voucher

        def book(timestamp: str) -> Call[Voucher]:
            return booking.book_voucher(self._org, self._kind, current.guid, timestamp)

        return self._with_timestamp(current, book, retry_stale)

    def delete(self, voucher: Voucher, *, retry_stale: bool = False) -> None:
        """Remove a draft; a booked voucher is reversed by an offsetting entry instead."""

        def delete(timestamp: str) -> Call[None]:
            return booking.delete_voucher(self._org, self._kind, voucher.guid, timestamp)

        self._with_timestamp(voucher, delete, retry_stale)

    def _with_timestamp(
        self, voucher: Voucher, make: Callable[[str], Call[T]], retry_stale: bool
    ) -> T:
        try:
            return self._client.execute(make(voucher.timestamp))
        except StaleVersionError:
            if not retry_stale:
                raise
        latest = self.get(voucher.guid)
        return self._client.execute(make(latest.timestamp))


class PurchaseVouchers(purchase.PurchaseTools, Vouchers):
    """Purchase vouchers, with the preview, the duplicate check and crediting."""


class Ledger(extras.LedgerChanges, _Resource):
    """The kassekladde: add items, send them to booking, follow their status."""

    def add(self, item: LedgerItemDraft) -> LedgerItemRef:
        return self._client.execute(booking.add_ledger_item(self._org, item))

    def add_many(self, items: Sequence[LedgerItemDraft]) -> list[LedgerItemRef]:
        """Add up to 1000 items in one call (and one more to read their versions back).
        Items without an `id` get a random one."""
        named = [item if item.id else replace(item, id=str(uuid.uuid4())) for item in items]
        self._client.execute(booking.add_ledger_items(self._org, named))
        ids = [str(item.id) for item in named]
        return self._client.execute(booking.unbooked_ledger_items(self._org, ids))

    def book(self, refs: Sequence[LedgerItemRef]) -> None:
        """Start booking (Dinero books asynchronously: follow it with `status`)."""
        self._client.execute(booking.book_ledger_items(self._org, refs))

    def status(self, ids: Sequence[str | LedgerItemRef]) -> list[LedgerItemStatus]:
        plain = [i.id if isinstance(i, LedgerItemRef) else i for i in ids]
        return self._client.execute(booking.ledger_item_status(self._org, plain))


class Files(extras.FileTransfer, _Resource):
    def __init__(self, client: Client, organization_id: int, books: Books) -> None:
        super().__init__(client, organization_id)
        self._books = books

    def upload(
        self, name: str, content: bytes, content_type: str | None = None, *, warn: bool = True
    ) -> str:
        """Upload into the file archive; the FileGuid. Warns unless `warn=False`, since a file
        nothing uses stays invisible to the user."""
        kind = content_type or _calls.content_type_of(name)
        call = _calls.upload_file(self._org, name, content, kind)
        guid = self._client.execute(call)
        if warn:
            warnings.warn(_calls.UNATTACHED.format(name=name, guid=guid), UnattachedFileWarning, 2)
        return guid

    @overload
    def upload_and_attach(
        self, name: str, content: bytes, to: PurchaseVoucherDraft | ManualVoucherDraft
    ) -> Voucher: ...

    @overload
    def upload_and_attach(
        self, name: str, content: bytes, to: LedgerItemDraft
    ) -> LedgerItemRef: ...

    def upload_and_attach(
        self,
        name: str,
        content: bytes,
        to: PurchaseVoucherDraft | ManualVoucherDraft | LedgerItemDraft,
    ) -> Voucher | LedgerItemRef:
        """Upload the file and create the voucher or kassekladde item that carries it. The draft
        is checked first, so a bad draft uploads nothing."""
        require_valid(to)
        guid = self.upload(name, content, warn=False)
        if isinstance(to, LedgerItemDraft):
            return self._books.ledger.add(replace(to, file_guid=guid))
        if isinstance(to, PurchaseVoucherDraft):
            return self._books.purchase_vouchers.create(replace(to, file_guid=guid))
        return self._books.manual_vouchers.create(replace(to, file_guid=guid))

    def list(
        self, *, unused_only: bool = False, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[StoredFile]:
        return self._client.iterate(
            _calls.files(self._org, unused_only=unused_only, page_size=page_size)
        )


class Entries(_Resource):
    def list(
        self,
        from_date: datetime.date | str,
        to_date: datetime.date | str,
        *,
        include_primo: bool = True,
    ) -> list[Entry]:
        """Postings in a period (it must not cross accounting years)."""
        return self._client.execute(_calls.entries(self._org, from_date, to_date, include_primo))

    def changes(
        self,
        changes_from: datetime.datetime,
        changes_to: datetime.datetime,
        *,
        include_primo: bool = True,
    ) -> builtins.list[Entry]:
        """Postings recorded in a window of at most 31 days: for keeping a copy in sync."""
        call = _calls.entry_changes(self._org, changes_from, changes_to, include_primo)
        return self._client.execute(call)


class Accounts(settings.AccountCreation, _Resource):
    def entry(self) -> list[Account]:
        return self._client.execute(_calls.accounts(self._org, "entry"))

    def purchase(self) -> list[Account]:
        return self._client.execute(_calls.accounts(self._org, "purchase"))

    def deposit(self) -> list[Account]:
        return self._client.execute(_calls.accounts(self._org, "deposit"))
