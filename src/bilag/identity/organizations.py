"""Organizations (Dinero's firmaID), memberships and organization API keys."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.identity.hashing import peppered_digest, same
from bilag.storage.models import ApiKey, Membership, Organization, User
from bilag.storage.seeding import seed_organization

FIRST_ORGANIZATION_ID = 100001


def create_organization(
    session: Session, *, name: str, is_pro: bool = True, organization_id: int | None = None
) -> Organization:
    if not name.strip():
        raise ValueError("an organization needs a name")
    if organization_id is None:
        highest = session.scalar(select(func.max(Organization.id)))
        organization_id = max(highest or 0, FIRST_ORGANIZATION_ID - 1) + 1
    organization = Organization(
        id=organization_id, name=name.strip(), is_pro=is_pro, is_paying_pro=is_pro
    )
    session.add(organization)
    session.flush()
    seed_organization(session, organization.id)
    return organization


def add_member(
    session: Session, *, user: User, organization: Organization, role_key: str = "Owner"
) -> None:
    if session.get(Membership, (user.id, organization.id)) is None:
        session.add(Membership(user_id=user.id, organization_id=organization.id, role_key=role_key))
        session.flush()


def is_member(session: Session, user_id: int, organization_id: int) -> bool:
    return session.get(Membership, (user_id, organization_id)) is not None


def organizations_of(session: Session, user_id: int) -> list[Organization]:
    return list(
        session.scalars(
            select(Organization)
            .join(Membership, Membership.organization_id == Organization.id)
            .where(Membership.user_id == user_id)
            .order_by(Organization.id)
        )
    )


def create_api_key(
    session: Session,
    *,
    organization: Organization,
    pepper: str,
    key: str | None = None,
    name: str = "API key",
) -> str:
    """Create an API key for the organization and return it; only its digest is stored."""
    key = key or secrets.token_hex(16)
    session.add(
        ApiKey(
            organization_id=organization.id,
            key_hash=peppered_digest(key, pepper),
            hint=key[-4:],
            name=name,
        )
    )
    session.flush()
    return key


def organization_for_api_key(session: Session, key: str, pepper: str) -> Organization | None:
    wanted = peppered_digest(key, pepper)
    row = session.scalars(
        select(ApiKey).where(ApiKey.key_hash == wanted, ApiKey.revoked_at.is_(None))
    ).first()
    if row is None or not same(row.key_hash, wanted):
        return None
    return session.get(Organization, row.organization_id)
