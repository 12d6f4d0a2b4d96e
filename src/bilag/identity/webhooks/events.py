"""The events one can subscribe to, and writing an event to the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.storage.db import Database
from bilag.storage.models import WebhookDelivery, WebhookSubscription, utcnow

EVENTS: dict[str, str] = {
    "ContactChanged": "A contact was created, updated, deleted or restored.",
    "VoucherBooked": "A voucher (purchase, manual or sales) was booked.",
    "LedgerItemBooked": "A batch of ledger items (kassekladde) was booked.",
}


def event_body(
    event_id: str, event_guid: str, organization_id: int, occurred_at: datetime, data: Any
) -> str:
    """The JSON every subscriber of the event receives, byte for byte what is signed."""
    return orjson.dumps(
        {
            "EventId": event_id,
            "EventGuid": event_guid,
            "OrganizationId": organization_id,
            "OccurredAt": occurred_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Data": data,
        }
    ).decode()


def record_event(
    session: Session, organization_id: int, event_id: str, data: Mapping[str, Any]
) -> int:
    """Put the event in the outbox for every live subscription, inside the caller's transaction.

    Returns how many deliveries were queued. Unknown event ids are a programming error.
    """
    if event_id not in EVENTS:
        raise ValueError(f"unknown webhook event {event_id!r}")
    subscription_ids = session.scalars(
        select(WebhookSubscription.id).where(
            WebhookSubscription.organization_id == organization_id,
            WebhookSubscription.event_id == event_id,
            WebhookSubscription.deleted_at.is_(None),
        )
    ).all()
    if not subscription_ids:
        return 0
    now = utcnow()
    event_guid = str(uuid.uuid4())
    body = event_body(event_id, event_guid, organization_id, now, dict(data))
    for subscription_id in subscription_ids:
        session.add(
            WebhookDelivery(
                subscription_id=subscription_id,
                event_guid=event_guid,
                event_id=event_id,
                body=body,
                state="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    return len(subscription_ids)


def emit_event(
    database: Database, organization_id: int, event_id: str, data: Mapping[str, Any]
) -> int:
    """`record_event` in a transaction of its own, for changes already committed."""
    with database.write() as session:
        return record_event(session, organization_id, event_id, data)
