"""Who may call what: the bearer token, the organization in the path, Pro, scope and the limit.

Endpoints call `require_caller` or `require_organization` first thing. They are plain functions
rather than FastAPI dependencies, so that a call costs one hop to the thread pool, and each runs
one query that answers both whether the token's grant is live and what the caller may reach.

Order of checks on `/{version}/{organizationId}/...`, each with its own answer:
1. a valid, unrevoked access token with an API scope        else 401 (code 41) / 403 (code 41)
2. an organization the caller can reach: the user is a member, or a legacy token is bound to
   it; an organization that does not exist, or a path id that is not a number, gets the very
   same 401, so that existence does not leak
3. the rate limit for (organization, client id)              else 429, plain text
4. the organization has Pro                                  else 403 (code 90)
5. writes (POST, PUT, PATCH, DELETE) need the write scope    else 403 (code 41)
The web app's own client (`identity.first_party`) skips 3 and 4, as Dinero's web app does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam
from starlette.requests import Request

from bilag.api.errors import DineroError, ErrorCode
from bilag.api.limits import RateLimited, rate_key
from bilag.api.middleware import call_record
from bilag.api.raw_reads import RawRead
from bilag.api.state import api_state
from bilag.identity.access import (
    LIVE_GRANT_COLUMNS,
    Principal,
    bearer_token,
    live_grant_select,
    principal_from_grant_row,
)
from bilag.identity.first_party import is_first_party
from bilag.identity.tokens import InvalidAccessToken
from bilag.storage.models import Grant, Membership, Organization

DENIED = "Authorization has been denied for this request."
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_ORGANIZATION_ID = 2**31 - 1
_GRANT_WIDTH = len(LIVE_GRANT_COLUMNS)

_LIVE_GRANT = RawRead(live_grant_select())
# The grant, then the organization's Pro flag and the caller's role in it: no organization id
# means no such organization, no role means no membership.
_ORGANIZATION_ACCESS = RawRead(
    live_grant_select(Organization.id, Organization.is_pro, Membership.role_key)
    .outerjoin(Organization, Organization.id == bindparam("organization_id"))
    .outerjoin(
        Membership,
        and_(Membership.organization_id == Organization.id, Membership.user_id == Grant.user_id),
    )
)


@dataclass(frozen=True)
class OrganizationAccess:
    principal: Principal
    organization_id: int
    role_key: str | None


def _denied(www_authenticate: str = "Bearer") -> DineroError:
    headers = {"WWW-Authenticate": www_authenticate}
    return DineroError(ErrorCode.UNAUTHORIZED, DENIED, 401, headers=headers)


def _invalid_token(problem: Exception) -> DineroError:
    description = str(problem).replace('"', "'").replace("\\", "/")
    return _denied(f'Bearer error="invalid_token", error_description="{description}"')


def require_caller(
    request: Request, query: RawRead = _LIVE_GRANT, **parameters: Any
) -> tuple[Principal, list[tuple[Any, ...]]]:
    """The caller behind the bearer token, allowed to read the API.

    `query` is a `live_grant_select(...)` with more columns; the rest of each of its rows comes
    back too, so that one database round trip both checks the grant and fetches what the
    endpoint needs about the caller.
    """
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise _denied()
    state = api_state(request)
    try:
        claims = state.tokens.claims(token)
        rows = query.rows(state.services.database, {"grant_id": claims.grant_id, **parameters})
        principal = principal_from_grant_row(claims, rows[0] if rows else None)
    except InvalidAccessToken as problem:
        raise _invalid_token(problem) from None
    call_record(request.scope).client_id = principal.client_id
    if not principal.can_read:
        message = "The access token does not grant access to the Dinero API (dineropublicapi:read)."
        raise DineroError(ErrorCode.UNAUTHORIZED, message, 403)
    return principal, [row[_GRANT_WIDTH:] for row in rows]


def parse_organization_id(raw: str) -> int | None:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ORGANIZATION_ID else None


def require_organization(request: Request, raw_organization_id: str) -> OrganizationAccess:
    """The caller, allowed to use this organization in this way, now."""
    organization_id = parse_organization_id(raw_organization_id)
    principal, rows = require_caller(
        request, _ORGANIZATION_ACCESS, organization_id=organization_id or 0
    )
    found, is_pro, role_key = rows[0]
    if organization_id is None or found is None:
        raise _denied()
    # Counted under the organization only once it is known to exist: no rows for made-up ids.
    call_record(request.scope).organization_id = organization_id
    bound = principal.organization_id
    if (bound is None and role_key is None) or (bound is not None and bound != organization_id):
        raise _denied()
    first_party = is_first_party(principal.client_id)
    if not first_party:
        state = api_state(request)
        decision = state.limiter.hit(rate_key(organization_id, principal.client_id))
        if not decision.allowed:
            raise RateLimited(state.limiter.limit, decision.retry_after)
    if not is_pro and not first_party:
        message = "The organization has no active Pro subscription, which the API requires."
        raise DineroError(ErrorCode.NO_PRO, message, 403)
    if request.method in WRITE_METHODS and not principal.can_write:
        message = "The access token does not grant write access (dineropublicapi:write)."
        raise DineroError(ErrorCode.UNAUTHORIZED, message, 403)
    return OrganizationAccess(principal, organization_id, role_key)
