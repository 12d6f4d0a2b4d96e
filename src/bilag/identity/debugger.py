"""The Debugger's log: every failed authorization request, kept under an opaque error id.

The error page and the error redirect show the id; the application's owner pastes it into the
Debugger ("My Applications > More > Debugger") and reads the cause in plain words and the fix.
Each reason in `REASONS` names the OAuth error sent on the wire, the cause and the fix.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bilag.storage.models import Application, AuthorizationFailure

RECENT_FAILURES = 50
_MAX_STORED_VALUE = 500
_MAX_STORED_PARAMETERS = 40


@dataclass(frozen=True)
class FailureReason:
    error: str  # the OAuth error code sent to the client
    cause: str
    fix: str
    detail_is_public: bool = False  # may the public error page show the detail too?


REASONS: dict[str, FailureReason] = {
    "malformed_request": FailureReason(
        "invalid_request",
        "The authorization request could not be read.",
        "Send the parameters once each, UTF-8 and percent-encoded, in a request of sane size.",
    ),
    "missing_parameter": FailureReason(
        "invalid_request",
        "A required parameter is missing.",
        "Send client_id, redirect_uri, response_type=code and scope on every request.",
    ),
    "duplicate_parameter": FailureReason(
        "invalid_request",
        "A parameter was sent more than once.",
        "Send each parameter exactly once.",
    ),
    "parameter_too_long": FailureReason(
        "invalid_request",
        "A parameter is longer than the server accepts.",
        "Keep state and nonce short (a random value or a key to your own storage).",
    ),
    "unknown_client": FailureReason(
        "unauthorized_client",
        "No application has this client_id.",
        "Copy the Client ID from My Applications; it always starts with isv_.",
    ),
    "client_revoked": FailureReason(
        "unauthorized_client",
        "The application has been blocked by the operator.",
        "Contact the operator; new authorizations are refused until the block is lifted.",
        detail_is_public=True,
    ),
    "redirect_uri_mismatch": FailureReason(
        "invalid_request",
        "The redirect_uri is not one of the application's registered redirect URIs.",
        "Register the exact URI under the application's redirect URIs, or send one that is "
        "registered. The comparison is exact: scheme, host, port, path, query and trailing "
        "slash all count.",
    ),
    "unsupported_response_type": FailureReason(
        "unsupported_response_type",
        "Only the authorization code flow is supported.",
        "Send response_type=code.",
    ),
    "unsupported_response_mode": FailureReason(
        "invalid_request",
        "The response_mode is not supported.",
        "Send response_mode=query (the default) or response_mode=form_post.",
    ),
    "scope_not_applied_for": FailureReason(
        "invalid_scope",
        "The request asks for a scope the application has not applied for.",
        "Request only scopes the application applied for, or apply for the scope first.",
    ),
    "wrong_application_type": FailureReason(
        "unauthorized_client",
        "Only web applications may use the Dinero API scopes.",
        "Create a web application and use its Client ID; service and native applications "
        "cannot interact with the Dinero API.",
    ),
    "offline_access_disabled": FailureReason(
        "invalid_scope",
        "The request asks for offline_access, but offline access is off for the application.",
        "Turn on Offline Access in the application's settings, or stop requesting offline_access.",
    ),
    "invalid_pkce": FailureReason(
        "invalid_request",
        "The PKCE parameters are invalid.",
        "Send code_challenge_method=S256 and a code_challenge of 43-128 characters "
        "(the base64url SHA-256 of your code_verifier). The plain method is refused.",
    ),
    "pkce_required": FailureReason(
        "invalid_request",
        "The application must use PKCE.",
        "Send code_challenge and code_challenge_method=S256.",
    ),
    "invalid_prompt": FailureReason(
        "invalid_request",
        "The prompt parameter is invalid.",
        "Send prompt=none, login or consent; none cannot be combined with another value.",
    ),
    "invalid_max_age": FailureReason(
        "invalid_request",
        "The max_age parameter is not a whole number of seconds.",
        "Send max_age as a non-negative integer, or leave it out.",
    ),
    "request_not_supported": FailureReason(
        "request_not_supported",
        "Request objects (the request parameter) are not supported.",
        "Send the authorization parameters in the query string or the form.",
    ),
    "request_uri_not_supported": FailureReason(
        "request_uri_not_supported",
        "The request_uri parameter is not supported.",
        "Send the authorization parameters in the query string or the form.",
    ),
    "login_required": FailureReason(
        "login_required",
        "prompt=none was sent, but the user is not logged in (or the login is older than max_age).",
        "Send the user through the authorization without prompt=none so they can log in.",
    ),
    "consent_required": FailureReason(
        "consent_required",
        "prompt=none was sent, but the user has not yet authorized these scopes.",
        "Send the user through the authorization without prompt=none so they can consent.",
    ),
    "access_denied": FailureReason(
        "access_denied",
        "The user pressed Deny on the consent page.",
        "Nothing to fix on your side; let the user start the authorization again.",
    ),
}


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


def describe(reason: str, detail: str = "") -> str:
    """The plain-words description of a failure: the catalogue's cause and the detail."""
    cause = REASONS[reason].cause
    return f"{cause} {detail}".strip() if detail else cause


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
    return error_id


def failures_for_owner(
    session: Session, user_id: int, limit: int = RECENT_FAILURES
) -> list[RecordedFailure]:
    """The newest failures of the applications `user_id` owns."""
    rows = session.execute(
        select(AuthorizationFailure, Application.name)
        .join(Application, Application.id == AuthorizationFailure.application_id)
        .where(Application.owner_user_id == user_id)
        .order_by(AuthorizationFailure.created_at.desc(), AuthorizationFailure.error_id)
        .limit(limit)
    ).all()
    return [_recorded(row, name) for row, name in rows]


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
    if row is None:
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
