"""What the Kontakter pages read straight from storage: the organization's live contacts, searched
by name, e-mail or CVR (VAT number), a page at a time, and one contact."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bilag.storage.models import Contact

PAGE_SIZE = 50


def search_contacts(
    session: Session, organization_id: int, text: str | None, page: int
) -> tuple[list[Contact], int]:
    """One page of live contacts by name, and how many match in all."""
    conditions = [Contact.organization_id == organization_id, Contact.deleted_at.is_(None)]
    if text:
        folded = text.strip().lower()
        conditions.append(
            or_(
                *(
                    func.lower(func.coalesce(column, "")).contains(folded, autoescape=True)
                    for column in (Contact.name, Contact.email, Contact.vat_number)
                )
            )
        )
    query = select(Contact).where(*conditions)
    ordered = query.order_by(func.lower(Contact.name), Contact.guid)
    found = list(session.scalars(ordered.offset(page * PAGE_SIZE).limit(PAGE_SIZE)))
    counted = session.scalar(select(func.count()).select_from(query.subquery()))
    return found, int(counted or 0)


def get_live_contact(session: Session, organization_id: int, guid: str) -> Contact | None:
    contact = session.get(Contact, guid)
    if contact is None or contact.organization_id != organization_id:
        return None
    return None if contact.deleted_at is not None else contact


def contact_choices(session: Session, organization_id: int) -> list[tuple[str, str]]:
    """(guid, name) of every live contact, for a select on a form."""
    query = (
        select(Contact.guid, Contact.name)
        .where(Contact.organization_id == organization_id, Contact.deleted_at.is_(None))
        .order_by(func.lower(Contact.name))
        .limit(1000)
    )
    return [(guid, name) for guid, name in session.execute(query)]
