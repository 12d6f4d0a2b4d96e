"""Who is calling the API: a verified access token whose grant and client are still live."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.identity.tokens import AccessClaims, InvalidAccessToken, verify_access_token
from bilag.storage.db import Database
from bilag.storage.models import Application, Grant

READ_SCOPES = frozenset({"dineropublicapi:read", "dineropublicapi:write", "read", "write"})
WRITE_SCOPES = frozenset({"dineropublicapi:write", "write"})


class RevokedAccess(InvalidAccessToken):
    """The token is well formed, but its grant or its client has been revoked."""


@dataclass(frozen=True)
class Principal:
    claims: AccessClaims
    application_id: int
    user_id: int | None
    organization_id: int | None  # set only for tokens bound to one organization (legacy grant)

    @property
    def client_id(self) -> str:
        return self.claims.client_id

    @property
    def can_read(self) -> bool:
        return bool(self.claims.scopes & READ_SCOPES)

    @property
    def can_write(self) -> bool:
        return bool(self.claims.scopes & WRITE_SCOPES)


def bearer_token(authorization: str | None) -> str | None:
    """The token from an `Authorization: Bearer ...` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


# The columns `principal_from_grant_row` reads, in order. The API selects them together with what
# it needs next (the caller's organizations), so that one round trip answers both.
LIVE_GRANT_COLUMNS = (
    Grant.revoked_at,
    Grant.user_id,
    Grant.organization_id,
    Application.id,
    Application.client_id,
    Application.revoked_at,
)


def live_grant_select(*extra: Any) -> Select[Any]:
    """SELECT the LIVE_GRANT_COLUMNS (then `extra`) of the grant with id `:grant_id`."""
    return (
        select(*LIVE_GRANT_COLUMNS, *extra)
        .select_from(Grant)
        .join(Application, Application.id == Grant.application_id)
        .where(Grant.id == bindparam("grant_id"))
    )


_LIVE_GRANT = live_grant_select()


def authenticate_bearer(
    database: Database, keys: KeyStore, settings: Settings, token: str
) -> Principal:
    """Verify the token and check, in one query, that its grant and client are live."""
    return live_principal(database, verify_access_token(keys, settings, token))


def live_principal(database: Database, claims: AccessClaims) -> Principal:
    """The principal for already verified claims, if their grant and client are still live."""
    # One prebuilt statement on a plain connection (no ORM session): it runs on every API call.
    with database.engine.connect() as connection:
        row = connection.execute(_LIVE_GRANT, {"grant_id": claims.grant_id}).first()
    return principal_from_grant_row(claims, row)


def principal_from_grant_row(claims: AccessClaims, row: Sequence[Any] | None) -> Principal:
    """The principal, from a row that starts with LIVE_GRANT_COLUMNS (None: no such grant)."""
    if row is None:
        raise RevokedAccess("unknown grant")
    grant_revoked, user_id, organization_id, app_id, client_id, app_revoked = row[:6]
    if grant_revoked is not None or app_revoked is not None or client_id != claims.client_id:
        raise RevokedAccess("the authorization has been revoked")
    return Principal(
        claims=claims, application_id=app_id, user_id=user_id, organization_id=organization_id
    )
