"""Subscribe, unsubscribe and list: one live subscription per organization, client and event."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilag.storage.db import Database
from bilag.storage.models import Organization, WebhookDelivery, WebhookSubscription, utcnow


@dataclass(frozen=True)
class SubscriptionView:
    event_id: str
    uri: str
    created_at: datetime


def _live(organization_id: int, client_id: str, event_id: str | None = None) -> list[object]:
    conditions: list[object] = [
        WebhookSubscription.organization_id == organization_id,
        WebhookSubscription.client_id == client_id,
        WebhookSubscription.deleted_at.is_(None),
    ]
    if event_id is not None:
        conditions.append(WebhookSubscription.event_id == event_id)
    return conditions


def _lock_organization(session: Session, organization_id: int) -> None:
    """Serialize subscription changes per organization (SQLite's BEGIN IMMEDIATE already does)."""
    session.execute(
        select(Organization.id).where(Organization.id == organization_id).with_for_update()
    )


def subscribe(
    database: Database, organization_id: int, client_id: str, event_id: str, uri: str
) -> str:
    """Start (or re-point) the subscription; returns its new signing secret, shown only now."""
    secret = "whsec_" + secrets.token_urlsafe(32)
    with database.write() as session:
        _lock_organization(session, organization_id)
        _end(session, organization_id, client_id, event_id)
        session.add(
            WebhookSubscription(
                organization_id=organization_id,
                client_id=client_id,
                event_id=event_id,
                uri=uri,
                secret=secret,
                created_at=utcnow(),
            )
        )
    return secret


def unsubscribe(database: Database, organization_id: int, client_id: str, event_id: str) -> bool:
    """End the subscription and drop its undelivered events; False when there was none."""
    with database.write() as session:
        _lock_organization(session, organization_id)
        return _end(session, organization_id, client_id, event_id)


def _end(session: Session, organization_id: int, client_id: str, event_id: str) -> bool:
    now = utcnow()
    ids = session.scalars(
        select(WebhookSubscription.id).where(*_live(organization_id, client_id, event_id))  # type: ignore[arg-type]
    ).all()
    if not ids:
        return False
    session.execute(
        update(WebhookSubscription).where(WebhookSubscription.id.in_(ids)).values(deleted_at=now)
    )
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.subscription_id.in_(ids), WebhookDelivery.state == "pending")
        .values(state="cancelled", finished_at=now)
    )
    return True


def list_subscriptions(
    database: Database, organization_id: int, client_id: str
) -> list[SubscriptionView]:
    with database.read() as session:
        rows = session.execute(
            select(
                WebhookSubscription.event_id,
                WebhookSubscription.uri,
                WebhookSubscription.created_at,
            )
            .where(*_live(organization_id, client_id))  # type: ignore[arg-type]
            .order_by(WebhookSubscription.event_id)
        ).all()
    return [SubscriptionView(event_id, uri, created_at) for event_id, uri, created_at in rows]
