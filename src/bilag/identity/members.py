"""Who has access to an organization, and its Pro subscription, as the settings pages change them.

bilag has no roles yet: every member may change every setting, including who else is a member.
An organization always keeps at least one member, so it can never be orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.identity.users import get_user_by_email
from bilag.storage.models import IdentityEvent, Membership, Organization, User


class MembershipProblem(ValueError):
    """A member cannot be added or removed; `reason` names why for pages that translate it:
    email_missing, no_such_user, already_member, not_member or last_member."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Member:
    user_id: int
    name: str
    email: str
    role_key: str


def members_of(session: Session, organization_id: int) -> list[Member]:
    rows = session.execute(
        select(User.id, User.name, User.email, Membership.role_key)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == organization_id)
        .order_by(func.lower(User.name), User.id)
    )
    return [Member(*row) for row in rows]


def add_member_by_email(session: Session, organization_id: int, email: str) -> Member:
    """Give an existing user access to the organization."""
    if not email.strip():
        raise MembershipProblem("email_missing", "Write the e-mail address of the user to add.")
    user = get_user_by_email(session, email)
    if user is None:
        raise MembershipProblem(
            "no_such_user",
            f"No user has the e-mail address {email.strip()}; they must have a login first.",
        )
    if session.get(Membership, (user.id, organization_id)) is not None:
        raise MembershipProblem(
            "already_member", f"{user.email} already has access to the organization."
        )
    session.add(Membership(user_id=user.id, organization_id=organization_id, role_key="Owner"))
    detail = f"user {user.id} added to organization {organization_id}"
    session.add(IdentityEvent(kind="member_added", detail=detail))
    session.flush()
    return Member(user.id, user.name, user.email, "Owner")


def remove_member(session: Session, organization_id: int, user_id: int) -> None:
    """Take a user's access away; never the last member's."""
    # Lock the organization row so that two removals cannot both see two members (PostgreSQL;
    # SQLite's write transactions are serial anyway).
    session.get(Organization, organization_id, with_for_update=True)
    membership = session.get(Membership, (user_id, organization_id))
    if membership is None:
        raise MembershipProblem("not_member", "That user has no access to the organization.")
    count = session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.organization_id == organization_id)
    )
    if (count or 0) <= 1:
        raise MembershipProblem(
            "last_member",
            "The last user of an organization cannot be removed; add another user first.",
        )
    session.delete(membership)
    detail = f"user {user_id} removed from organization {organization_id}"
    session.add(IdentityEvent(kind="member_removed", detail=detail))
    session.flush()


def set_pro(session: Session, organization_id: int, *, enabled: bool) -> None:
    """Turn the Pro subscription on or off. The API answers 403 (code 90) without it."""
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise LookupError(f"no organization {organization_id}")
    organization.is_pro = enabled
    organization.is_paying_pro = enabled
    detail = f"organization {organization_id}: Pro {'on' if enabled else 'off'}"
    session.add(IdentityEvent(kind="pro_changed", detail=detail))
    session.flush()
