"""Restoring contacts, contact notes, attachment files and changing kassekladde items, as `Call`
and `Listing` values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bilag.client._base import Call
from bilag.client._booking_calls import _identify
from bilag.client._calls import Listing, _many, _nothing, upload_file
from bilag.client._drafts import MAX_LEDGER_ITEMS, require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._ledger_drafts import LedgerItemDraft
from bilag.client._models import LedgerItemRef
from bilag.client._paging import MAX_PAGE_SIZE, check_page_size
from bilag.client._settings_drafts import ContactNoteDraft
from bilag.client._settings_models import ContactNote

NOTE_FIELDS = "Id,NoteDate,Text,AuthorName,AuthorEmail,CreatedAt,UpdatedAt,DeletedAt"


def _segment(name: str, value: str) -> str:
    """`value` as one segment of a path: a guid, a file guid or a timestamp."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or any(c in text for c in "/?#%\\") or any(c.isspace() for c in text):
        raise RequestValidationError([f"{name} must be one path segment, not {value!r}"])
    return text


def restore_contact(org: int, guid: str) -> Call[None]:
    path = f"/v1/{org}/contacts/{_segment('guid', guid)}/restore"
    return Call("POST", path, _nothing, org)


# Contact notes


def _notes(org: int, contact_guid: str) -> str:
    return f"/v1/{org}/contacts/{_segment('contactGuid', contact_guid)}/notes"


def contact_notes(
    org: int, contact_guid: str, *, deleted_only: bool = False, page_size: int = MAX_PAGE_SIZE
) -> Listing[ContactNote]:
    params = {"fields": NOTE_FIELDS, "deletedOnly": "true" if deleted_only else "false"}
    path = _notes(org, contact_guid)
    return Listing(path, org, ContactNote.from_wire, params, check_page_size(page_size))


def contact_note(org: int, contact_guid: str, note_guid: str) -> Call[ContactNote]:
    path = f"{_notes(org, contact_guid)}/{_segment('noteGuid', note_guid)}"
    return Call("GET", path, ContactNote.from_wire, org)


def _created_guid(payload: Any) -> str:
    return str(payload["ContactGuid"])  # Dinero answers a note's id under this name


def create_contact_note(org: int, contact_guid: str, draft: ContactNoteDraft) -> Call[str]:
    require_valid(draft)
    path = _notes(org, contact_guid)
    return Call("POST", path, _created_guid, org, body=draft.to_wire())


def update_contact_note(
    org: int, contact_guid: str, note_guid: str, draft: ContactNoteDraft
) -> Call[None]:
    require_valid(draft)
    path = f"{_notes(org, contact_guid)}/{_segment('noteGuid', note_guid)}"
    return Call("PUT", path, _nothing, org, body=draft.to_wire())


def delete_contact_note(org: int, contact_guid: str, note_guid: str) -> Call[None]:
    path = f"{_notes(org, contact_guid)}/{_segment('noteGuid', note_guid)}"
    return Call("DELETE", path, _nothing, org)


# Files


def upload_attachment(org: int, name: str, content: bytes, content_type: str) -> Call[str]:
    checked = upload_file(org, name, content, content_type)
    path = f"/v1/{org}/files/attachment"
    return Call("POST", path, checked.read, org, checked.params, files=checked.files)


def _content(payload: Any) -> bytes:
    if not isinstance(payload, bytes):
        raise ValueError(f"expected the file's bytes, got {type(payload).__name__}")
    return payload


def download_file(org: int, file_guid: str) -> Call[bytes]:
    path = f"/v1/{org}/files/{_segment('fileGuid', file_guid)}"
    return Call("GET", path, _content, org)


# Kassekladde


def update_ledger_items(
    org: int, changes: Sequence[tuple[LedgerItemRef, LedgerItemDraft]]
) -> Call[list[LedgerItemRef]]:
    """Replace unbooked items, each named by the `Id` and `Version` it had."""
    problems = [] if changes else ["name at least one ledger item"]
    if len(changes) > MAX_LEDGER_ITEMS:
        problems.append(f"at most {MAX_LEDGER_ITEMS} ledger items at once, not {len(changes)}")
    problems += [p for i, (_, item) in enumerate(changes) for p in item.problems(f"[{i}]")]
    if problems:
        raise RequestValidationError(problems)
    body = [{**item.to_wire(), **ref.to_wire()} for ref, item in changes]
    read = _many(LedgerItemRef.from_wire)
    return Call("PUT", f"/v1/{org}/ledgeritems", read, org, body=body)


def delete_ledger_items(org: int, refs: Sequence[LedgerItemRef]) -> Call[None]:
    return Call("DELETE", f"/v1/{org}/ledgeritems/delete", _nothing, org, body=_identify(refs))
