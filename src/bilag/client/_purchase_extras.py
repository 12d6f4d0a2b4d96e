# Generated from _async_purchase_extras.py by tools/unasync.py: edit that file, not this one.
"""Purchase credit notes and payments, and what `books.purchase_vouchers` gains from here: the
preview, the duplicate check, the drafts using a file, and crediting a booked purchase.

Changes carry the object's `Timestamp`; with `retry_stale`, a stale version (code 58) is re-read
and the change sent once more."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from bilag.client import _booking_calls as booking
from bilag.client import _purchase_extra_calls as calls
from bilag.client._base import Call
from bilag.client._drafts import PurchaseVoucherDraft
from bilag.client._errors import StaleVersionError
from bilag.client._models import Voucher
from bilag.client._purchase_extra_drafts import PurchaseCreditNoteDraft, PurchasePaymentDraft
from bilag.client._purchase_extra_models import (
    PaymentAdded,
    PurchaseCreditNote,
    PurchasePayment,
    PurchasePreview,
    SimilarVoucher,
    Versioned,
    VoucherVersion,
)
from bilag.client._settings import Mixin, Part

T = TypeVar("T")


class VersionedWrites(Mixin):
    def _latest(self, target: Versioned) -> str:
        if isinstance(target, Voucher):
            call = booking.voucher(self._org, booking.PURCHASE, target.guid)
            return (self._client.execute(call)).timestamp
        note = self._client.execute(calls.credit_note(self._org, target.guid))
        return note.timestamp

    def _versioned(self, target: Versioned, make: Callable[[str], Call[T]], retry_stale: bool) -> T:
        try:
            return self._client.execute(make(target.timestamp))
        except StaleVersionError:
            if not retry_stale:
                raise
        return self._client.execute(make(self._latest(target)))


class PurchaseTools(VersionedWrites):
    def preview(self, draft: PurchaseVoucherDraft) -> PurchasePreview:
        """The voucher's totals as bilag would make them, with nothing stored."""
        return self._client.execute(calls.preview_purchase(self._org, draft))

    def find_similar(self, draft: PurchaseVoucherDraft) -> SimilarVoucher:
        """A live purchase with the same ExternalReference, or date, contact and total."""
        return self._client.execute(calls.similar_purchase(self._org, draft))

    def drafts_using_file(self, file_guid: str) -> list[str]:
        """The guids of the purchase drafts that carry the file."""
        return self._client.execute(calls.purchase_drafts_using_file(self._org, file_guid))

    def generate_credit_note(
        self,
        voucher: Voucher,
        *,
        voucher_date: datetime.date | str | None = None,
        file_guid: str | None = None,
        retry_stale: bool = False,
    ) -> VoucherVersion:
        """Credit a booked purchase: a credit purchase gets a purchase credit note draft, a cash
        purchase a manual voucher draft. The draft's guid and version."""

        def credit(timestamp: str) -> Call[VoucherVersion]:
            guid = voucher.guid
            return calls.credit_purchase(self._org, guid, timestamp, voucher_date, file_guid)

        return self._versioned(voucher, credit, retry_stale)


class PurchaseCreditNotes(VersionedWrites, Part):
    """Købskreditnotaer: money a supplier owes back."""

    def create(self, draft: PurchaseCreditNoteDraft) -> VoucherVersion:
        return self._client.execute(calls.create_credit_note(self._org, draft))

    def get(self, guid: str) -> PurchaseCreditNote:
        return self._client.execute(calls.credit_note(self._org, guid))

    def update(
        self, note: Versioned, draft: PurchaseCreditNoteDraft, *, retry_stale: bool = False
    ) -> VoucherVersion:
        """Replace a draft credit note; its new version."""

        def update(timestamp: str) -> Call[VoucherVersion]:
            return calls.update_credit_note(self._org, note.guid, timestamp, draft)

        return self._versioned(note, update, retry_stale)

    def delete(self, note: Versioned, *, retry_stale: bool = False) -> None:
        """Remove a draft; a booked credit note is reversed by an offsetting entry instead."""

        def delete(timestamp: str) -> Call[None]:
            return calls.delete_credit_note(self._org, note.guid, timestamp)

        self._versioned(note, delete, retry_stale)

    def book(
        self, note: Versioned | str, *, number: int | None = None, retry_stale: bool = False
    ) -> PurchaseCreditNote:
        """Book a draft (given only its guid, it is read first for its Timestamp)."""
        current = self.get(note) if isinstance(note, str) else note

        def book(timestamp: str) -> Call[PurchaseCreditNote]:
            return calls.book_credit_note(self._org, current.guid, timestamp, number)

        return self._versioned(current, book, retry_stale)


class PurchasePayments(VersionedWrites, Part):
    """Payments of booked credit purchases (`Voucher`) and refunds of purchase credit notes."""

    def add(
        self, voucher: Versioned, draft: PurchasePaymentDraft, *, retry_stale: bool = False
    ) -> PaymentAdded:
        """Book the payment at once; the answer carries the paid voucher's new `timestamp`."""

        def pay(timestamp: str) -> Call[PaymentAdded]:
            return calls.add_payment(self._org, voucher.guid, timestamp, draft)

        return self._versioned(voucher, pay, retry_stale)

    def list(self, voucher: Versioned | str) -> list[PurchasePayment]:
        guid = voucher if isinstance(voucher, str) else voucher.guid
        return self._client.execute(calls.payments(self._org, guid))

    def delete(self, voucher: Versioned, payment_guid: str, *, retry_stale: bool = False) -> str:
        """Book the payment's reversal; the paid voucher's new `timestamp`."""

        def delete(timestamp: str) -> Call[str]:
            return calls.delete_payment(self._org, voucher.guid, payment_guid, timestamp)

        return self._versioned(voucher, delete, retry_stale)
