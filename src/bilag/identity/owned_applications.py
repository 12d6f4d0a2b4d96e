"""A developer's own applications, as the developer portal's My Applications shows them.

Only the owner sees or changes an application: `get_owned_application` answers None for
anyone else, exactly as for an application that does not exist, so the portal's 404 does not
tell whether a client id is taken.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.identity.applications import get_application, redirect_uri_problem
from bilag.storage.models import Application, ClientSecret, IdentityEvent

MAX_REDIRECT_URIS = 20


@dataclass(frozen=True)
class SecretView:
    hint: str
    created_at: datetime


def applications_owned_by(session: Session, user_id: int) -> list[Application]:
    return list(
        session.scalars(
            select(Application)
            .where(Application.owner_user_id == user_id)
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


def get_owned_application(session: Session, user_id: int, client_id: str) -> Application | None:
    application = get_application(session, client_id)
    if application is None or application.owner_user_id != user_id:
        return None
    return application


def live_secret_of(session: Session, application: Application) -> SecretView | None:
    """The last four characters and age of the live secret (never the secret itself)."""
    row = session.scalars(
        select(ClientSecret)
        .where(ClientSecret.application_id == application.id, ClientSecret.revoked_at.is_(None))
        .order_by(ClientSecret.created_at.desc(), ClientSecret.id.desc())
    ).first()
    return None if row is None else SecretView(row.hint, row.created_at)


def redirect_uri_problems(uris: list[str], *, app_type: str) -> list[str]:
    """Every problem with a list of redirect URIs, each naming its URI; empty when all is well."""
    problems = []
    if not uris and app_type != "service":
        problems.append(f"A {app_type} application needs at least one redirect URI.")
    if len(uris) > MAX_REDIRECT_URIS:
        problems.append(f"At most {MAX_REDIRECT_URIS} redirect URIs; there are {len(uris)}.")
    for uri in uris:
        problem = redirect_uri_problem(uri)
        if problem is not None:
            problems.append(f"{uri}: {problem.reason}")
    duplicates = sorted({uri for uri in uris if uris.count(uri) > 1})
    problems.extend(f"{uri}: listed more than once" for uri in duplicates)
    return problems


def set_redirect_uris(session: Session, application: Application, uris: list[str]) -> None:
    """Replace the registered redirect URIs (exact match at authorize); checked first."""
    problems = redirect_uri_problems(uris, app_type=application.app_type)
    if problems:
        raise ValueError("; ".join(problems))
    application.redirect_uris = json.dumps(uris)
    session.add(
        IdentityEvent(
            kind="redirect_uris_changed", application_id=application.id, detail=" ".join(uris)
        )
    )
    session.flush()
