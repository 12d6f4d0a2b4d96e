"""The refresh-token state machine of oauth.md §2.5.

Handles are 64 hex characters, stored as SHA-256. The grant's snapshot of the client's policy
decides the mode:

- one-time: every exchange consumes the token with a conditional UPDATE (row count 1 wins) and
  returns a new pair. The reply is kept encrypted on the consumed row through the grace period, so
  a retry with that token, while its successor is still unused, gets the very same pair. Anything
  else (after the grace period, or a token two generations old) is a replay: `invalid_grant`, and
  the whole grant is revoked.
- re-use: the same refresh token comes back, until the grant's lifetime (at most 365 days) ends.

A refresh may narrow the scope of the new access token, never widen it; the refresh token keeps
the grant's scope (RFC 6749 §6).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilag.config import Settings
from bilag.identity.errors import InvalidGrant, InvalidScope
from bilag.identity.grants import GrantCompromised
from bilag.identity.hashing import digest
from bilag.identity.issuance import mint_token_response
from bilag.identity.keys import KeyStore
from bilag.identity.sandbox import clock
from bilag.storage.models import Application, Grant, RefreshToken, User

_PURGE_EVERY_SECONDS = 60.0
_MAX_GRACE_SECONDS = 60


def new_refresh_handle() -> str:
    return secrets.token_hex(32)


def issue_refresh_token(session: Session, grant: Grant, *, parent_id: int | None = None) -> str:
    """Store a new refresh token of the grant and return its handle."""
    handle = new_refresh_handle()
    lifetime = grant.refresh_lifetime_seconds
    session.add(
        RefreshToken(
            token_hash=digest(handle),
            grant_id=grant.id,
            parent_id=parent_id,
            issued_at=clock.now(),
            expires_at=grant.created_at + timedelta(seconds=lifetime) if lifetime else None,
        )
    )
    session.flush()
    return handle


def narrowed_scopes(grant: Grant, requested: str | None) -> list[str]:
    """The grant's scopes, or the requested subset of them (RFC 6749 §6)."""
    granted = grant.scopes.split()
    if requested is None:
        return granted
    wanted = requested.split()
    wider = sorted(set(wanted) - set(granted))
    if wider:
        raise InvalidScope(f"a refresh cannot add scopes the user did not grant: {' '.join(wider)}")
    return [scope for scope in granted if scope in wanted]


def redeem_refresh_token(
    session: Session,
    keys: KeyStore,
    settings: Settings,
    *,
    application: Application,
    handle: str,
    scope: str | None,
) -> dict[str, Any]:
    """Exchange a refresh token for a token response, per the grant's refresh mode."""
    row = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == digest(handle))
    ).first()
    grant = session.get(Grant, row.grant_id) if row is not None else None
    if row is None or grant is None or grant.application_id != application.id:
        raise InvalidGrant("the refresh token is invalid or was issued to another client")
    if grant.revoked_at is not None:
        raise InvalidGrant("the authorization has been revoked; the user must authorize again")
    now = clock.now()
    if row.expires_at is not None and row.expires_at <= now:
        raise InvalidGrant("the refresh token has expired; the user must authorize again")
    scopes = narrowed_scopes(grant, scope)
    user = session.get(User, grant.user_id) if grant.user_id is not None else None
    if grant.refresh_usage == "reuse":
        row.last_used_at = now
        return mint_token_response(
            keys, settings, grant=grant, client_id=application.client_id, user=user,
            scopes=scopes, refresh_token=handle,
        )  # fmt: skip
    consumed = session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == row.id, RefreshToken.consumed_at.is_(None))
        .values(consumed_at=now, last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    if consumed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(row)
        return _retry_within_grace(session, settings, grant, row)
    child = issue_refresh_token(session, grant, parent_id=row.id)
    reply = mint_token_response(
        keys, settings, grant=grant, client_id=application.client_id, user=user,
        scopes=scopes, refresh_token=child,
    )  # fmt: skip
    row.consumed_at = now
    row.reply_ciphertext = _fernet(settings).encrypt(json.dumps(reply).encode()).decode("ascii")
    _forget_old_replies(session, grant, now)
    _janitor.maybe_purge(session, settings)
    return reply


def _retry_within_grace(
    session: Session, settings: Settings, grant: Grant, row: RefreshToken
) -> dict[str, Any]:
    """The same reply again, if this is a retry inside the grace period; else a replay."""
    now = clock.now()
    consumed_at = row.consumed_at or now
    child_unused = session.scalar(
        select(RefreshToken.id).where(
            RefreshToken.parent_id == row.id, RefreshToken.consumed_at.is_(None)
        )
    )
    in_grace = now - consumed_at <= timedelta(seconds=grant.refresh_grace_seconds)
    if in_grace and child_unused is not None and row.reply_ciphertext:
        try:
            reply: dict[str, Any] = json.loads(
                _fernet(settings).decrypt(row.reply_ciphertext.encode("ascii"))
            )
            return reply
        except (InvalidToken, ValueError):
            pass  # a reply sealed under another pepper cannot be replayed; treat as replay
    raise GrantCompromised(
        "the refresh token has already been used; the whole authorization is revoked and the "
        "user must authorize again",
        grant_id=grant.id,
        event_kind="refresh_token_replay",
    )


def _forget_old_replies(session: Session, grant: Grant, now: datetime) -> None:
    cutoff = now - timedelta(seconds=grant.refresh_grace_seconds)
    session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.grant_id == grant.id,
            RefreshToken.reply_ciphertext.is_not(None),
            RefreshToken.consumed_at < cutoff,
        )
        .values(reply_ciphertext=None)
        .execution_options(synchronize_session=False)
    )


def purge_spent_replies(session: Session, settings: Settings) -> None:
    """Drop stored replies of every grant once no grace period can still need them."""
    longest_grace = max(_MAX_GRACE_SECONDS, settings.refresh_grace_seconds)
    cutoff = clock.now() - timedelta(seconds=longest_grace)
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.reply_ciphertext.is_not(None), RefreshToken.consumed_at < cutoff)
        .values(reply_ciphertext=None)
        .execution_options(synchronize_session=False)
    )


class _ReplyJanitor:
    """Runs the table-wide purge at most once a minute per process, inside an exchange."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0.0

    def maybe_purge(self, session: Session, settings: Settings) -> None:
        with self._lock:
            if time.monotonic() - self._last < _PURGE_EVERY_SECONDS:
                return
            self._last = time.monotonic()
        purge_spent_replies(session, settings)


_janitor = _ReplyJanitor()


def _fernet(settings: Settings) -> Fernet:
    key = hmac.new(
        settings.secret_pepper.encode("utf-8"), b"bilag refresh-token replies", hashlib.sha256
    ).digest()
    return Fernet(base64.urlsafe_b64encode(key))
