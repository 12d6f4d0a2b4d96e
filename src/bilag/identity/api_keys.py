"""An organization's API keys for the legacy password grant: list, look up and revoke.

A key is shown once, when it is made (`organizations.create_api_key`); only its peppered digest
and last four characters are kept. Every grant the legacy token endpoint makes records the key
it came from, so revoking a key revokes those grants too: their access tokens stop at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilag.identity.hashing import peppered_digest, same
from bilag.storage.models import ApiKey, Grant, IdentityEvent, utcnow

MAX_KEY_NAME = 200


class ApiKeyNotFound(LookupError):
    """No live API key with that id in that organization."""


@dataclass(frozen=True)
class ApiKeyView:
    id: int
    name: str
    hint: str
    created_at: datetime
    revoked_at: datetime | None


def api_keys_of(session: Session, organization_id: int) -> list[ApiKeyView]:
    """The organization's keys, live ones first, newest first."""
    rows = session.scalars(
        select(ApiKey)
        .where(ApiKey.organization_id == organization_id)
        .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc(), ApiKey.id.desc())
    )
    return [ApiKeyView(r.id, r.name, r.hint, r.created_at, r.revoked_at) for r in rows]


def api_key_name_problem(name: str) -> str | None:
    """Why `name` cannot name a key (`missing` or `too_long`), or None."""
    if not name.strip():
        return "missing"
    if len(name.strip()) > MAX_KEY_NAME:
        return "too_long"
    return None


def get_live_api_key(session: Session, key: str, pepper: str) -> ApiKey | None:
    """The live key row whose key this is, or None."""
    wanted = peppered_digest(key, pepper)
    row = session.scalars(
        select(ApiKey).where(ApiKey.key_hash == wanted, ApiKey.revoked_at.is_(None))
    ).first()
    if row is None or not same(row.key_hash, wanted):
        return None
    return row


def revoke_api_key(session: Session, organization_id: int, key_id: int) -> int:
    """Revoke the key and every live grant made from it; returns how many grants died."""
    key = session.scalars(
        select(ApiKey).where(
            ApiKey.id == key_id,
            ApiKey.organization_id == organization_id,
            ApiKey.revoked_at.is_(None),
        )
    ).first()
    if key is None:
        raise ApiKeyNotFound(f"no live API key {key_id} in organization {organization_id}")
    now = utcnow()
    key.revoked_at = now
    reason = f"API key {key.name!r} (…{key.hint}) revoked"
    # One statement, however many tokens the key has fetched (each makes a grant); legacy
    # grants have no refresh tokens, so nothing else hangs on them.
    revoked = session.execute(
        update(Grant)
        .where(Grant.api_key_id == key.id, Grant.revoked_at.is_(None))
        .values(revoked_at=now, revoke_reason=reason)
        .execution_options(synchronize_session=False)
    )
    count: int = revoked.rowcount  # type: ignore[attr-defined]
    session.add(IdentityEvent(kind="api_key_revoked", detail=f"{reason}; {count} grants revoked"))
    session.flush()
    return count
