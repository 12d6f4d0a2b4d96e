"""Grants: one authorization of a client by a user (or, for the legacy grant, an organization).

A grant keeps a snapshot of the client's refresh policy, because policy changes apply only to
grants made after them. Every access and refresh token carries the grant's id, so revoking the
grant stops them all: `access.authenticate_bearer` checks it on every call.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilag.config import Settings
from bilag.identity.errors import InvalidGrant
from bilag.identity.sandbox import clock
from bilag.storage.db import Database
from bilag.storage.models import Application, Grant, IdentityEvent, RefreshToken, utcnow

SECONDS_PER_DAY = 86_400
T = TypeVar("T")


class GrantCompromised(InvalidGrant):
    """A replayed code or refresh token: answered with `invalid_grant` once the grant it
    belongs to has been revoked in its own transaction (see `revoke_compromised_grant`)."""

    def __init__(self, description: str, *, grant_id: str | None, event_kind: str) -> None:
        super().__init__(description)
        self.grant_id = grant_id
        self.event_kind = event_kind


def create_grant(
    session: Session,
    *,
    settings: Settings,
    application: Application,
    scopes: list[str],
    user_id: int | None = None,
    organization_id: int | None = None,
    session_id: str | None = None,
    auth_time: datetime | None = None,
) -> Grant:
    """A new live grant with the client's current refresh policy frozen into it.

    One-time refresh tokens never expire (Visma: they "last forever", guarded by replay
    detection); re-use tokens live the client's lifetime, at most 365 days, from the grant.
    """
    usage = application.refresh_token_usage
    lifetime = application.refresh_token_lifetime_days * SECONDS_PER_DAY if usage == "reuse" else 0
    grace = application.refresh_grace_seconds
    grant = Grant(
        id=str(uuid.uuid4()),
        application_id=application.id,
        user_id=user_id,
        organization_id=organization_id,
        scopes=" ".join(scopes),
        session_id=session_id,
        auth_time=auth_time,
        refresh_usage=usage,
        refresh_lifetime_seconds=lifetime,
        refresh_grace_seconds=settings.refresh_grace_seconds if grace is None else grace,
        created_at=clock.now(),
    )
    session.add(grant)
    session.flush()
    return grant


def get_grant(session: Session, grant_id: str) -> Grant | None:
    return session.get(Grant, grant_id)


def is_live(session: Session, grant_id: str) -> bool:
    """True when the grant exists, is not revoked and its client is not revoked."""
    row = session.execute(
        select(Grant.revoked_at, Application.revoked_at)
        .join(Application, Application.id == Grant.application_id)
        .where(Grant.id == grant_id)
    ).first()
    return row is not None and row[0] is None and row[1] is None


def revoke_grant(session: Session, grant_id: str, reason: str, *, event_kind: str = "") -> bool:
    """Revoke the grant and record why; True if this call revoked it (False if already gone)."""
    revoked = session.execute(
        update(Grant)
        .where(Grant.id == grant_id, Grant.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoke_reason=reason)
    )
    if revoked.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.execute(  # the retry replies of one-time refresh tokens die with the grant
        update(RefreshToken)
        .where(RefreshToken.grant_id == grant_id, RefreshToken.reply_ciphertext.is_not(None))
        .values(reply_ciphertext=None)
        .execution_options(synchronize_session=False)
    )
    application_id = session.scalar(select(Grant.application_id).where(Grant.id == grant_id))
    session.add(
        IdentityEvent(
            kind=event_kind or "grant_revoked",
            application_id=application_id,
            grant_id=grant_id,
            detail=reason,
        )
    )
    session.flush()
    return True


def write_or_revoke(database: Database, work: Callable[[Session], T]) -> T:
    """Run `work` in a write transaction; if it detects a replay, revoke the grant it names
    in a transaction of its own (the first one rolled back) and re-raise."""
    try:
        with database.write() as session:
            return work(session)
    except GrantCompromised as failure:
        revoke_compromised_grant(database, failure)
        raise


def revoke_compromised_grant(database: Database, failure: GrantCompromised) -> None:
    """Revoke the grant a replay belongs to, in a transaction of its own, and log the replay."""
    with database.write() as session:
        if failure.grant_id is None:
            session.add(IdentityEvent(kind=failure.event_kind, detail=failure.description))
            return
        if not revoke_grant(
            session, failure.grant_id, failure.description, event_kind=failure.event_kind
        ):
            session.add(
                IdentityEvent(
                    kind=failure.event_kind,
                    grant_id=failure.grant_id,
                    detail=f"{failure.description} (grant already revoked)",
                )
            )
