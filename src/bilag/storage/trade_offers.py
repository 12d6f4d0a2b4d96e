"""Trade offers (tilbud) in the database: numbered drafts, their status and its history, the
rules that protect an answered offer, and the invoices generated from one.

An offer is numbered when it is created, in the organization's own "offer" series (offers are
never booked). Its status is Draft until the customer or the user answers it or an invoice is
generated from it; every status, the first included, is appended to its history. Trade offers
are legally binding: an accepted or invoiced offer can't be deleted, and an offer that has been
answered or invoiced can't be changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from bilag.ledger.errors import LedgerError
from bilag.storage.journal import (
    DELETED,
    DRAFT,
    check_timestamp,
    claim_version,
    lock_organization,
)
from bilag.storage.models import SalesDocument, utcnow
from bilag.storage.sales_documents import (
    SERIES,
    TRADE_OFFER,
    SalesContent,
    add_sales_draft,
    delete_sales_draft,
    highest_sales_number,
    update_sales_draft,
)

INVOICED = "invoiced"
CUSTOMER_ACCEPTED = "customer_accepted"
CUSTOMER_DECLINED = "customer_declined"
USER_ACCEPTED = "user_accepted"
USER_DECLINED = "user_declined"
STATUSES = (DRAFT, INVOICED, CUSTOMER_ACCEPTED, CUSTOMER_DECLINED, USER_ACCEPTED, USER_DECLINED)
ACCEPTED = (INVOICED, CUSTOMER_ACCEPTED, USER_ACCEPTED)
DECLINED = (CUSTOMER_DECLINED, USER_DECLINED)


class OfferLocked(LedgerError):
    """An answered or invoiced trade offer, which the requested change would break."""

    code: ClassVar[int] = 45


@dataclass(frozen=True)
class HistoryEntry:
    status: str
    at: datetime
    total_incl_vat_ore: int
    currency: str
    offer_email_sent_at: datetime | None = None
    confirmation_email_sent_at: datetime | None = None


def history_of(offer: SalesDocument) -> list[HistoryEntry]:
    def decode(values: dict[str, Any]) -> HistoryEntry:
        times = ("at", "offer_email_sent_at", "confirmation_email_sent_at")
        parsed = {name: _parse_time(values.get(name)) for name in times}
        return HistoryEntry(
            status=values["status"],
            at=parsed["at"] or offer.created_at,
            total_incl_vat_ore=int(values["total_incl_vat_ore"]),
            currency=values["currency"],
            offer_email_sent_at=parsed["offer_email_sent_at"],
            confirmation_email_sent_at=parsed["confirmation_email_sent_at"],
        )

    return [decode(values) for values in json.loads(offer.offer_history or "[]")]


def offer_status(offer: SalesDocument) -> str:
    """The offer's status; a deleted offer keeps the last one it had."""
    if offer.status != DELETED:
        return offer.status
    history = history_of(offer)
    return history[-1].status if history else DRAFT


def generated_vouchers(offer: SalesDocument) -> list[str]:
    return list(json.loads(offer.generated_vouchers or "[]"))


def add_trade_offer(
    session: Session, organization_id: int, content: SalesContent, guid: str | None = None
) -> SalesDocument:
    """A new offer, numbered after the organization's highest (deleted ones keep theirs)."""
    lock_organization(session, organization_id)
    offer = add_sales_draft(session, organization_id, TRADE_OFFER, content, guid)
    offer.number = highest_sales_number(session, organization_id, SERIES[TRADE_OFFER]) + 1
    offer.offer_history = _with_entry(offer, DRAFT, offer.created_at)
    session.flush()
    return offer


def check_changeable(offer: SalesDocument) -> None:
    """OfferLocked unless the offer is still a draft: nobody has answered or invoiced it."""
    if offer.status != DRAFT:
        raise OfferLocked(
            f"The trade offer is {_described(offer.status)} and can no longer be changed.",
            "Guid",
        )


def update_trade_offer(
    session: Session, offer: SalesDocument, timestamp: str | None, content: SalesContent
) -> None:
    check_changeable(offer)
    update_sales_draft(session, offer, timestamp, content)


def delete_trade_offer(session: Session, offer: SalesDocument, timestamp: str | None) -> None:
    """Delete an offer nobody accepted; `timestamp` is checked when given."""
    if offer.status in ACCEPTED:
        raise OfferLocked(
            f"The trade offer is {_described(offer.status)} and is legally binding; "
            "it can't be deleted.",
            "Guid",
        )
    delete_sales_draft(session, offer, timestamp or offer.timestamp)


def set_offer_status(
    session: Session, offer: SalesDocument, status: str, timestamp: str | None = None
) -> None:
    """Record the customer's or the user's answer (or any other status); the history gains an
    entry when the status changes. `timestamp` is checked when given."""
    if status not in STATUSES:
        raise ValueError(f"unknown trade offer status {status!r}")
    check_timestamp(offer, timestamp or offer.timestamp)
    if status == offer.status:
        return
    now = utcnow()
    claim_version(
        session,
        offer,
        timestamp or offer.timestamp,
        status=status,
        offer_history=_with_entry(offer, status, now),
    )


def check_invoiceable(offer: SalesDocument) -> None:
    """OfferLocked when the offer was declined: there is nothing to invoice."""
    if offer.status in DECLINED:
        raise OfferLocked(
            f"The trade offer is {_described(offer.status)}; an invoice can't be generated "
            "from it.",
            "Guid",
        )


def record_generated_invoice(
    session: Session, offer: SalesDocument, timestamp: str | None, invoice_guid: str
) -> None:
    """Mark the offer invoiced and list the invoice among its generated vouchers."""
    check_invoiceable(offer)
    check_timestamp(offer, timestamp or offer.timestamp)
    changes: dict[str, Any] = {
        "status": INVOICED,
        "generated_vouchers": json.dumps([*generated_vouchers(offer), invoice_guid]),
    }
    if offer.status != INVOICED:
        changes["offer_history"] = _with_entry(offer, INVOICED, utcnow())
    claim_version(session, offer, timestamp or offer.timestamp, **changes)


def _with_entry(offer: SalesDocument, status: str, at: datetime) -> str:
    entries = json.loads(offer.offer_history or "[]")
    entries.append(
        {
            "status": status,
            "at": at.isoformat(),
            "total_incl_vat_ore": offer.total_incl_vat_ore,
            "currency": offer.currency,
            "offer_email_sent_at": None,
            "confirmation_email_sent_at": None,
        }
    )
    return json.dumps(entries, separators=(",", ":"))


def _parse_time(raw: str | None) -> datetime | None:
    return None if raw is None else datetime.fromisoformat(raw)


def _described(status: str) -> str:
    return status.replace("_", " ")
