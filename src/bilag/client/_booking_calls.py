"""The booking endpoints as `Call` values: purchase and manual vouchers, and the kassekladde.

Updates, bookings and deletions carry the voucher's `Timestamp` (dinero-api.md §1.7); ledger
items are named by `Id` and `Version`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bilag.client._base import Call
from bilag.client._calls import _many, _nothing
from bilag.client._drafts import MAX_LEDGER_ITEMS, PurchaseVoucherDraft, require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._ledger_drafts import LedgerItemDraft, ManualVoucherDraft
from bilag.client._models import LedgerItemRef, LedgerItemStatus, Voucher

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


def delete_voucher(org: int, kind: str, guid: str, timestamp: str) -> Call[None]:
    """A draft is removed; a booked voucher gets a reversing entry (Danish law keeps it)."""
    body = {"Timestamp": timestamp}
    return Call("DELETE", f"/v1/{org}{kind}/{guid}", _nothing, org, body=body)


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
