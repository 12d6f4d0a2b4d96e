"""Throttling password guessing on the login form.

Each failed login is recorded as an identity event. Within a sliding window, a few failures for
one account from one address, or many failures from one address, block further attempts from
that address until the oldest failure leaves the window. The real password still works from
any other address, so an attacker cannot lock the owner out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.storage.models import IdentityEvent, utcnow

KIND = "login_failed"
WINDOW = timedelta(minutes=15)
PER_ACCOUNT_AND_ADDRESS = 5
PER_ADDRESS = 50


def _detail(email: str, address: str) -> str:
    return f"{address} {email.strip().lower()}"


def _failures_since(session: Session, cutoff: datetime, pattern: str, *, exact: bool) -> int:
    detail = IdentityEvent.detail == pattern if exact else IdentityEvent.detail.like(pattern)
    count = session.scalar(
        select(func.count())
        .select_from(IdentityEvent)
        .where(IdentityEvent.kind == KIND, IdentityEvent.created_at > cutoff, detail)
    )
    return int(count or 0)


def login_blocked(session: Session, email: str, address: str, now: datetime | None = None) -> bool:
    cutoff = (now or utcnow()) - WINDOW
    escaped = address.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if _failures_since(session, cutoff, f"{escaped} %", exact=False) >= PER_ADDRESS:
        return True
    pair = _detail(email, address)
    return _failures_since(session, cutoff, pair, exact=True) >= PER_ACCOUNT_AND_ADDRESS


def record_failed_login(session: Session, email: str, address: str) -> None:
    session.add(IdentityEvent(kind=KIND, detail=_detail(email, address), created_at=utcnow()))
