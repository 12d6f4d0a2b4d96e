# Generated from _async_extras.py by tools/unasync.py: edit that file, not this one.
"""Contact notes, and what `books.contacts`, `books.files` and `books.ledger` gain from here:
restoring a contact, attachment files and downloads, changing and deleting kassekladde items."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bilag.client import _extra_calls as calls
from bilag.client._calls import content_type_of
from bilag.client._ledger_drafts import LedgerItemDraft
from bilag.client._models import LedgerItemRef
from bilag.client._paging import MAX_PAGE_SIZE
from bilag.client._settings import Mixin, Part
from bilag.client._settings_drafts import ContactNoteDraft
from bilag.client._settings_models import ContactNote


class ContactRestore(Mixin):
    def restore(self, guid: str) -> None:
        """Bring a deleted contact back."""
        self._client.execute(calls.restore_contact(self._org, guid))


class ContactNotes(Part):
    """Notes on a contact, oldest first."""

    def list(
        self, contact_guid: str, *, deleted_only: bool = False, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[ContactNote]:
        listing = calls.contact_notes(
            self._org, contact_guid, deleted_only=deleted_only, page_size=page_size
        )
        return self._client.iterate(listing)

    def get(self, contact_guid: str, note_guid: str) -> ContactNote:
        return self._client.execute(calls.contact_note(self._org, contact_guid, note_guid))

    def create(self, contact_guid: str, text: str) -> str:
        """The new note's id; its author is the user the SDK acts for."""
        call = calls.create_contact_note(self._org, contact_guid, ContactNoteDraft(text))
        return self._client.execute(call)

    def update(self, contact_guid: str, note_guid: str, text: str) -> None:
        draft = ContactNoteDraft(text)
        call = calls.update_contact_note(self._org, contact_guid, note_guid, draft)
        self._client.execute(call)

    def delete(self, contact_guid: str, note_guid: str) -> None:
        self._client.execute(calls.delete_contact_note(self._org, contact_guid, note_guid))


class FileTransfer(Mixin):
    def upload_attachment(self, name: str, content: bytes, content_type: str | None = None) -> str:
        """Upload a file kept out of the archive, for use as an invoice attachment; the FileGuid."""
        kind = content_type or content_type_of(name)
        return self._client.execute(calls.upload_attachment(self._org, name, content, kind))

    def download(self, file_guid: str) -> bytes:
        """The file's content."""
        return self._client.execute(calls.download_file(self._org, file_guid))


class LedgerChanges(Mixin):
    def update(self, ref: LedgerItemRef, item: LedgerItemDraft) -> LedgerItemRef:
        """Replace an unbooked item, named by the `Id` and `Version` it has; its new version."""
        [changed] = self.update_many([(ref, item)])
        return changed

    def update_many(
        self, changes: Sequence[tuple[LedgerItemRef, LedgerItemDraft]]
    ) -> list[LedgerItemRef]:
        """Replace up to 1000 unbooked items at once; their new versions, in order."""
        return self._client.execute(calls.update_ledger_items(self._org, changes))

    def delete(self, refs: Sequence[LedgerItemRef]) -> None:
        """Delete unbooked items, each named by its current `Id` and `Version`."""
        self._client.execute(calls.delete_ledger_items(self._org, refs))
