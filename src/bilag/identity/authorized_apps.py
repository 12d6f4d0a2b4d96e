"""The applications the users of an organization have authorized: their live grants.

A grant belongs to a user, not to an organization, because one consent reaches every
organization the user is a member of. The settings page of an organization lists the grants of
its members, and any member may revoke one: the grant is revoked, so its access and refresh
tokens stop at once (`access.live_principal` checks the grant on every call).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bilag.identity.grants import revoke_grant
from bilag.storage.models import Application, Grant, Membership, RefreshToken, User

MAX_LISTED = 500


class AuthorizedAppNotFound(LookupError):
    """No live grant with that id belongs to a member of the organization."""


@dataclass(frozen=True)
class AuthorizedApp:
    grant_id: str
    application_name: str
    client_id: str
    user_name: str
    user_email: str
    scopes: tuple[str, ...]
    created_at: datetime
    last_used_at: datetime | None  # the newest refresh of the grant, when it has refresh tokens


def _live_member_grants(organization_id: int) -> Select[Grant, Application, User]:
    members = select(Membership.user_id).where(Membership.organization_id == organization_id)
    return (
        select(Grant, Application, User)
        .join(Application, Application.id == Grant.application_id)
        .join(User, User.id == Grant.user_id)
        .where(
            Grant.user_id.in_(members),
            Grant.revoked_at.is_(None),
            Application.revoked_at.is_(None),
        )
    )


def authorized_apps_of(
    session: Session, organization_id: int, *, hidden_client_ids: Iterable[str] = ()
) -> list[AuthorizedApp]:
    """Live grants of the organization's members, newest first; `hidden_client_ids` are left
    out (the web app's own first-party client, which a user cannot meaningfully revoke)."""
    last_used = (
        select(
            RefreshToken.grant_id,
            func.max(func.coalesce(RefreshToken.last_used_at, RefreshToken.issued_at)).label(
                "last_used_at"
            ),
        )
        .group_by(RefreshToken.grant_id)
        .subquery()
    )
    statement = (
        _live_member_grants(organization_id)
        .add_columns(last_used.c.last_used_at)
        .outerjoin(last_used, last_used.c.grant_id == Grant.id)
        .order_by(Grant.created_at.desc(), Grant.id)
        .limit(MAX_LISTED)
    )
    hidden = list(hidden_client_ids)
    if hidden:
        statement = statement.where(Application.client_id.not_in(hidden))
    return [
        AuthorizedApp(
            grant_id=grant.id,
            application_name=application.name,
            client_id=application.client_id,
            user_name=user.name,
            user_email=user.email,
            scopes=tuple(grant.scopes.split()),
            created_at=grant.created_at,
            last_used_at=used,
        )
        for grant, application, user, used in session.execute(statement)
    ]


def revoke_authorized_app(session: Session, organization_id: int, grant_id: str) -> None:
    """Revoke a member's grant; a grant of someone outside the organization is not found."""
    found = session.scalar(
        _live_member_grants(organization_id).with_only_columns(Grant.id).where(Grant.id == grant_id)
    )
    if found is None:
        raise AuthorizedAppNotFound(f"no live authorization {grant_id!r} in this organization")
    revoke_grant(session, grant_id, f"revoked in the settings of organization {organization_id}")
