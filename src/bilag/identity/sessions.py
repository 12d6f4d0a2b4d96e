"""Browser sessions of the identity provider, and the CSRF tokens bound to them.

The cookie holds a random handle; the table keeps only its SHA-256 (`id_hash`) next to `sid`,
the public session id that tokens carry. Every login starts a new session, so a handle planted
before the login is worthless after it. Forms of a logged-in user carry an HMAC of the session's
`csrf_secret`; the login form, which has no session yet, uses a signed double-submit cookie.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilag.identity.hashing import digest, new_handle, same
from bilag.identity.sandbox import clock
from bilag.storage.models import BrowserSession, User

SESSION_LIFETIME = timedelta(hours=8)
_CSRF_LABEL = b"bilag-csrf"
_LOGIN_CSRF_LABEL = "bilag-login-csrf|"


@dataclass(frozen=True)
class LiveSession:
    sid: str
    user_id: int
    user_sub: str
    user_email: str
    user_name: str
    csrf_secret: str
    auth_time: datetime
    expires_at: datetime

    @property
    def csrf_token(self) -> str:
        return hmac.new(self.csrf_secret.encode("ascii"), _CSRF_LABEL, hashlib.sha256).hexdigest()

    def csrf_token_valid(self, token: str | None) -> bool:
        return token is not None and same(token, self.csrf_token)

    def login_older_than(self, max_age_seconds: int, now: datetime | None = None) -> bool:
        """True when the user logged in more than `max_age_seconds` ago (OIDC `max_age`)."""
        elapsed = (now or clock.now()) - self.auth_time
        return elapsed > timedelta(seconds=max_age_seconds)


def start_session(session: Session, user_id: int, *, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """Start a session for the user who just logged in; returns the cookie value (shown once)."""
    handle = new_handle(32)
    now = clock.now()
    session.add(
        BrowserSession(
            id_hash=digest(handle),
            sid=new_handle(16),
            user_id=user_id,
            csrf_secret=new_handle(32),
            auth_time=now,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return handle


def get_live_session(session: Session, handle: str | None) -> LiveSession | None:
    """The session behind a cookie value, unless it is unknown, ended or expired."""
    if not handle or len(handle) > 200:
        return None
    row = session.execute(
        select(BrowserSession, User)
        .join(User, User.id == BrowserSession.user_id)
        .where(
            BrowserSession.id_hash == digest(handle),
            BrowserSession.ended_at.is_(None),
            BrowserSession.expires_at > clock.now(),
        )
    ).first()
    if row is None:
        return None
    browser_session, user = row
    return LiveSession(
        sid=browser_session.sid,
        user_id=user.id,
        user_sub=user.sub,
        user_email=user.email,
        user_name=user.name,
        csrf_secret=browser_session.csrf_secret,
        auth_time=browser_session.auth_time,
        expires_at=browser_session.expires_at,
    )


def end_session(session: Session, handle: str | None) -> bool:
    """End the session behind a cookie value; True if a live session was ended."""
    if not handle or len(handle) > 200:
        return False
    ended = session.execute(
        update(BrowserSession)
        .where(BrowserSession.id_hash == digest(handle), BrowserSession.ended_at.is_(None))
        .values(ended_at=clock.now())
    )
    return bool(ended.rowcount)  # type: ignore[attr-defined]


def new_login_csrf_cookie() -> str:
    """A fresh random value for the login form's double-submit cookie."""
    return new_handle(24)


def login_csrf_token(cookie_value: str, pepper: str) -> str:
    """The form token that goes with a login CSRF cookie: an HMAC only the server can make."""
    message = (_LOGIN_CSRF_LABEL + cookie_value).encode("utf-8")
    return hmac.new(pepper.encode("utf-8"), message, hashlib.sha256).hexdigest()


def login_csrf_valid(cookie_value: str | None, token: str | None, pepper: str) -> bool:
    if not cookie_value or not token or len(cookie_value) > 200:
        return False
    return same(token, login_csrf_token(cookie_value, pepper))
