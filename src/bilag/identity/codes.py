"""Authorization codes: issued by the consent page, redeemed once at the token endpoint.

A code is 256 random bits, stored only as its SHA-256, and lives
`settings.authorization_code_lifetime` seconds. It is bound to the client, the redirect URI, the
PKCE challenge, the nonce and the user. Redemption is a conditional UPDATE whose row count decides
who won; a second redemption of a spent code revokes the grant the first one created (RFC 6749
§4.1.2, oauth.md §5 rows 3-5).
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from bilag.config import Settings
from bilag.identity.errors import InvalidGrant, InvalidRequest
from bilag.identity.grants import GrantCompromised
from bilag.identity.hashing import digest, new_handle, same
from bilag.identity.sandbox import clock
from bilag.storage.models import Application, AuthorizationCode

PKCE_METHOD = "S256"
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def issue_authorization_code(
    session: Session,
    *,
    settings: Settings,
    application: Application,
    user_id: int,
    redirect_uri: str,
    scopes: list[str],
    nonce: str | None,
    code_challenge: str | None,
    code_challenge_method: str | None,
    session_id: str | None,
    auth_time: datetime,
) -> str:
    """Store a new code for this authorization and return it; only its digest is kept."""
    if code_challenge is not None and code_challenge_method != PKCE_METHOD:
        raise ValueError("only the S256 code challenge method is supported")
    code = new_handle(32)
    now = clock.now()
    session.add(
        AuthorizationCode(
            code_hash=digest(code),
            application_id=application.id,
            user_id=user_id,
            redirect_uri=redirect_uri,
            scopes=" ".join(scopes),
            nonce=nonce,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method if code_challenge else None,
            session_id=session_id,
            auth_time=auth_time,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.authorization_code_lifetime),
        )
    )
    session.flush()
    return code


def redeem_authorization_code(
    session: Session,
    *,
    application: Application,
    code: str,
    redirect_uri: str | None,
    code_verifier: str | None,
) -> AuthorizationCode:
    """Check every binding of the code, then consume it atomically and return its row.

    Failures before the consume leave the code usable (the caller's transaction rolls back).
    A spent code raises `GrantCompromised`, which the caller answers by revoking its grant.
    The caller must set `grant_id` on the returned row once it has created the grant.
    """
    row = session.get(AuthorizationCode, digest(code)) if code else None
    if row is None or row.application_id != application.id:
        raise InvalidGrant("the authorization code is invalid or was issued to another client")
    if row.consumed_at is not None:
        raise _reused(row)
    now = clock.now()
    if row.expires_at <= now:
        raise InvalidGrant("the authorization code has expired")
    if redirect_uri is None:
        raise InvalidRequest("redirect_uri is required: send the one of the authorize request")
    if redirect_uri != row.redirect_uri:
        raise InvalidGrant("redirect_uri does not match the one of the authorize request")
    check_code_verifier(row.code_challenge, code_verifier)
    consumed = session.execute(
        update(AuthorizationCode)
        .where(
            AuthorizationCode.code_hash == row.code_hash,
            AuthorizationCode.consumed_at.is_(None),
            AuthorizationCode.expires_at > now,
        )
        .values(consumed_at=now)
        .execution_options(synchronize_session=False)
    )
    if consumed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(row)
        raise _reused(row)
    row.consumed_at = now
    return row


def check_code_verifier(challenge: str | None, verifier: str | None) -> None:
    """RFC 7636 §4.6 with S256 only; a verifier for a code issued without PKCE is a downgrade."""
    if challenge is None:
        if verifier is not None:
            raise InvalidGrant("code_verifier sent, but the authorize request had no challenge")
        return
    if verifier is None:
        raise InvalidRequest("code_verifier is required: the authorize request used PKCE")
    if not _VERIFIER.match(verifier):
        raise InvalidRequest("code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~")
    if not same(s256_challenge(verifier), challenge):
        raise InvalidGrant("code_verifier does not match the code_challenge")


def s256_challenge(verifier: str) -> str:
    hashed = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(hashed).rstrip(b"=").decode("ascii")


def _reused(row: AuthorizationCode) -> GrantCompromised:
    return GrantCompromised(
        "the authorization code has already been used; the authorization it issued is revoked",
        grant_id=row.grant_id,
        event_kind="code_reuse",
    )
