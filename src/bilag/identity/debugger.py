"""The Debugger's log: every failed request, kept under an opaque error id.

Failed authorization requests are recorded here (`record_failure`); refused token requests and
API calls by `identity.refusals`, in the same table with their `kind`. The error page, the error
redirect and the `X-Bilag-Error-Id` header show the id; the application's owner pastes it into
the Debugger ("My Applications > More > Debugger") and reads the cause in plain words, the
request as it was received and the fix. Each reason in `REASONS` (authorization requests) names
the OAuth error sent on the wire, the cause and the fix.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bilag.identity.debugger_reasons import REASONS, FailureReason, describe
from bilag.storage.models import Application, AuthorizationFailure

__all__ = [
    "REASONS",
    "FailureReason",
    "RecordedFailure",
    "applications_of_owner",
    "describe",
    "failures_for_owner",
    "get_failure",
    "get_public_failure",
    "prune_failures",
    "record_failure",
]

RECENT_FAILURES = 50
KEEP_PER_APPLICATION = 200
KEEP_UNOWNED = 500
_MAX_STORED_VALUE = 500
_MAX_STORED_PARAMETERS = 40


@dataclass(frozen=True)
class RecordedFailure:
    error_id: str
    application_id: int | None
    application_name: str | None
    client_id: str | None
    error: str
    reason: str
    description: str
    fix: str
    parameters: dict[str, list[str]]
    created_at: datetime
    kind: str = "authorize"  # authorize | token | api
    http_status: int | None = None
    organization_id: int | None = None
    request: dict[str, Any] | None = None  # method, path, query, headers, body, body_length
    occurrences: int = 1
    last_seen_at: datetime | None = None


def record_failure(
    session: Session,
    *,
    reason: str,
    detail: str = "",
    application_id: int | None = None,
    client_id: str | None = None,
    parameters: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Store the failure and return its new error id."""
    known = REASONS[reason]
    error_id = secrets.token_hex(10)
    session.add(
        AuthorizationFailure(
            error_id=error_id,
            application_id=application_id,
            client_id=_clean(client_id) if client_id is not None else None,
            error=known.error,
            reason=reason,
            description=_clean(describe(reason, detail), 2000),
            fix=known.fix,
            parameters=json.dumps(_stored_parameters(parameters or {})),
        )
    )
    session.flush()
    keep = KEEP_PER_APPLICATION if application_id is not None else KEEP_UNOWNED
    prune_failures(session, application_id, keep)
    return error_id


def prune_failures(session: Session, application_id: int | None, keep: int) -> None:
    """Delete an application's failures (all kinds) beyond its newest `keep`."""
    owner = (
        AuthorizationFailure.application_id.is_(None)
        if application_id is None
        else AuthorizationFailure.application_id == application_id
    )
    stale = (
        select(AuthorizationFailure.error_id)
        .where(owner)
        .order_by(AuthorizationFailure.created_at.desc(), AuthorizationFailure.error_id.desc())
        .offset(keep)
    )
    session.execute(
        delete(AuthorizationFailure)
        .where(AuthorizationFailure.error_id.in_(stale.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )


def failures_for_owner(
    session: Session,
    user_id: int,
    limit: int = RECENT_FAILURES,
    *,
    client_id: str | None = None,
) -> list[RecordedFailure]:
    """The newest failures of the applications `user_id` owns (of one, given `client_id`)."""
    query = (
        select(AuthorizationFailure, Application.name)
        .join(Application, Application.id == AuthorizationFailure.application_id)
        .where(Application.owner_user_id == user_id)
    )
    if client_id is not None:
        query = query.where(Application.client_id == client_id)
    rows = session.execute(
        query.order_by(AuthorizationFailure.created_at.desc(), AuthorizationFailure.error_id).limit(
            limit
        )
    ).all()
    return [_recorded(row, name) for row, name in rows]


def applications_of_owner(session: Session, user_id: int) -> list[tuple[str, str]]:
    """(client id, name) of each application `user_id` owns, by name."""
    rows = session.execute(
        select(Application.client_id, Application.name)
        .where(Application.owner_user_id == user_id)
        .order_by(Application.name)
    ).all()
    return [(str(client_id), str(name)) for client_id, name in rows]


def get_failure(session: Session, error_id: str, owner_user_id: int) -> RecordedFailure | None:
    """The failure if `owner_user_id` owns its application, or if it names no application
    (an unknown client: only whoever saw the unguessable id can look it up); else None."""
    row = session.execute(
        select(AuthorizationFailure, Application.name)
        .outerjoin(Application, Application.id == AuthorizationFailure.application_id)
        .where(
            AuthorizationFailure.error_id == error_id,
            or_(
                AuthorizationFailure.application_id.is_(None),
                Application.owner_user_id == owner_user_id,
            ),
        )
    ).first()
    return None if row is None else _recorded(row[0], row[1])


def get_public_failure(session: Session, error_id: str) -> tuple[str, str] | None:
    """(error, cause) for the public error page, or None for an unknown id. The detail and
    the parameters are for the owner's Debugger only, unless the reason says otherwise."""
    row = session.get(AuthorizationFailure, error_id)
    if row is None or row.kind != "authorize":
        return None
    reason = REASONS.get(row.reason)
    if reason is None or reason.detail_is_public:
        return row.error, row.description
    return row.error, reason.cause


def _recorded(row: AuthorizationFailure, application_name: str | None) -> RecordedFailure:
    return RecordedFailure(
        error_id=row.error_id,
        application_id=row.application_id,
        application_name=application_name,
        client_id=row.client_id,
        error=row.error,
        reason=row.reason,
        description=row.description,
        fix=row.fix,
        parameters=json.loads(row.parameters),
        created_at=row.created_at,
        kind=row.kind,
        http_status=row.http_status,
        organization_id=row.organization_id,
        request=json.loads(row.request) if row.request else None,
        occurrences=row.occurrences,
        last_seen_at=row.last_seen_at,
    )


def _stored_parameters(parameters: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    stored: dict[str, list[str]] = {}
    for name in list(parameters)[:_MAX_STORED_PARAMETERS]:
        stored[_clean(name, 100)] = [_clean(value) for value in list(parameters[name])[:5]]
    return stored


def _clean(value: str, limit: int = _MAX_STORED_VALUE) -> str:
    """Truncated, and without NUL (PostgreSQL text cannot hold it)."""
    cleaned = value.replace("\x00", "\ufffd")
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"
