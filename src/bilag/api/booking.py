"""Who is booking: the `BookedBy` an API booking records (`BookedByType`, client, username)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bilag.api.auth import OrganizationAccess
from bilag.identity.first_party import is_first_party
from bilag.storage.journal import BookedBy
from bilag.storage.models import User


def api_booker(session: Session, access: OrganizationAccess, kind: str = "API") -> BookedBy:
    """An API booking, with the client's id and, for a user's token, the user's email."""
    principal = access.principal
    user = None if principal.user_id is None else session.get(User, principal.user_id)
    if is_first_party(principal.client_id):
        kind = "User"
    return BookedBy(kind, principal.client_id, None if user is None else user.email)
