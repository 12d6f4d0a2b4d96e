"""Who may call what: the bearer token, the organization in the path, Pro, scope and the limit.

Endpoints call `require_caller` or `require_organization` first thing. (They are plain functions,
not FastAPI dependencies, so that a request costs one hop to the thread pool, not two.)

Order of checks on `/{version}/{organizationId}/...`, each with its own answer:
1. a valid, unrevoked access token with an API scope        else 401 (code 41) / 403 (code 41)
2. an organization the caller can reach: the user is a member, or a legacy token is bound to
   it; an organization that does not exist, or a path id that is not a number, gets the very
   same 401, so that existence does not leak
3. the rate limit for (organization, client id)              else 429, plain text
4. the organization has Pro                                  else 403 (code 90)
5. writes (POST, PUT, PATCH, DELETE) need the write scope    else 403 (code 41)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, select
from starlette.requests import Request

from bilag.api.errors import DineroError, ErrorCode
from bilag.api.limits import RateLimited, rate_key
from bilag.api.middleware import call_record
from bilag.api.raw_reads import RawRead
from bilag.api.state import api_state
from bilag.identity.access import Principal, bearer_token, live_principal
from bilag.identity.tokens import InvalidAccessToken
from bilag.storage.models import Membership, Organization

DENIED = "Authorization has been denied for this request."
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_ORGANIZATION_ID = 2**31 - 1

# The organization's Pro flag and the caller's role in it (None: not a member); no row: no such org.
_ORGANIZATION_ACCESS = RawRead(
    select(Organization.is_pro, Membership.role_key)
    .outerjoin(
        Membership,
        and_(
            Membership.organization_id == Organization.id,
            Membership.user_id == bindparam("user_id"),
        ),
    )
    .where(Organization.id == bindparam("organization_id"))
)


@dataclass(frozen=True)
class OrganizationAccess:
    principal: Principal
    organization_id: int
    role_key: str | None


def _denied(www_authenticate: str = "Bearer") -> DineroError:
    headers = {"WWW-Authenticate": www_authenticate}
    return DineroError(ErrorCode.UNAUTHORIZED, DENIED, 401, headers=headers)


def require_caller(request: Request) -> Principal:
    """The caller behind the bearer token, allowed to read the API."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise _denied()
    state = api_state(request)
    try:
        principal = live_principal(state.services.database, state.tokens.claims(token))
    except InvalidAccessToken as problem:
        description = str(problem).replace('"', "'").replace("\\", "/")
        raise _denied(f'Bearer error="invalid_token", error_description="{description}"') from None
    call_record(request.scope).client_id = principal.client_id
    if not principal.can_read:
        message = "The access token does not grant access to the Dinero API (dineropublicapi:read)."
        raise DineroError(ErrorCode.UNAUTHORIZED, message, 403)
    return principal


def parse_organization_id(raw: str) -> int | None:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ORGANIZATION_ID else None


def require_organization(request: Request, raw_organization_id: str) -> OrganizationAccess:
    """The caller, allowed to use this organization in this way, now."""
    principal = require_caller(request)
    organization_id = parse_organization_id(raw_organization_id)
    if organization_id is None:
        raise _denied()
    call_record(request.scope).organization_id = organization_id
    if principal.organization_id is not None and principal.organization_id != organization_id:
        raise _denied()
    state = api_state(request)
    parameters = {"organization_id": organization_id, "user_id": principal.user_id}
    rows = _ORGANIZATION_ACCESS.rows(state.services.database, parameters)
    if not rows:
        raise _denied()
    is_pro, role_key = rows[0]
    if principal.organization_id is None and role_key is None:
        raise _denied()
    decision = state.limiter.hit(rate_key(organization_id, principal.client_id))
    if not decision.allowed:
        raise RateLimited(state.limiter.limit, decision.retry_after)
    if not is_pro:
        message = "The organization has no active Pro subscription, which the API requires."
        raise DineroError(ErrorCode.NO_PRO, message, 403)
    if request.method in WRITE_METHODS and not principal.can_write:
        message = "The access token does not grant write access (dineropublicapi:write)."
        raise DineroError(ErrorCode.UNAUTHORIZED, message, 403)
    return OrganizationAccess(principal, organization_id, role_key)
