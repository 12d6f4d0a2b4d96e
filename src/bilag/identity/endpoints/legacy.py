"""`POST /dineroapi/oauth/token`: Dinero's legacy API-key grant (dinero-api.md §6.1).

The client authenticates (Basic, as Dinero documents; form fields work too), sends
`grant_type=password` and the organization's API key as both username and password. The token
is bound to that organization: the grant has no user, and the access token carries `org`. No
refresh token is issued; the key itself gets a new token whenever one is needed.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.api_keys import get_live_api_key
from bilag.identity.client_auth import client_credentials_from, require_client
from bilag.identity.context import Services, get_services
from bilag.identity.endpoints.protocol import OAuthRoute, no_store_json, read_form, require_param
from bilag.identity.errors import (
    InvalidGrant,
    InvalidRequest,
    InvalidScope,
    UnauthorizedClient,
    UnsupportedGrantType,
)
from bilag.identity.grants import create_grant
from bilag.identity.hashing import same
from bilag.identity.tokens import issue_access_token
from bilag.storage.models import IdentityEvent

router = APIRouter(route_class=OAuthRoute, include_in_schema=False)

LEGACY_SCOPES = ("read", "write")


def legacy_scopes(scope: str | None) -> list[str]:
    """`read write` or none (both); a subset such as `read` narrows the token."""
    if scope is None:
        return list(LEGACY_SCOPES)
    wanted = scope.split()
    unknown = sorted(set(wanted) - set(LEGACY_SCOPES))
    if unknown:
        raise InvalidScope(f"unknown scope {' '.join(unknown)}; use 'read write' or leave it out")
    return [name for name in LEGACY_SCOPES if name in wanted]


@router.post("/dineroapi/oauth/token")
def legacy_token(
    request: Request,
    form: dict[str, str] = Depends(read_form),
    services: Services = Depends(get_services),
) -> Response:
    credentials = client_credentials_from(request.headers.get("authorization"), form)
    grant_type = form.get("grant_type")
    if grant_type is None:
        raise InvalidRequest("the parameter 'grant_type' is required; use grant_type=password")
    if grant_type != "password":
        raise UnsupportedGrantType(f"grant_type {grant_type!r} is not supported; use password")
    api_key = require_param(form, "username")
    if not same(api_key, require_param(form, "password")):
        raise InvalidGrant("send the organization's API key as both username and password")
    scopes = legacy_scopes(form.get("scope"))
    settings = services.settings
    with services.database.read() as session:
        application = require_client(session, credentials, pepper=settings.secret_pepper)
    if application.app_type != "web":
        detail = (
            "only web applications may use the Dinero API; "
            f"this is a {application.app_type} application"
        )
        with services.database.write() as session:
            session.add(
                IdentityEvent(kind="app_type_refused", application_id=application.id, detail=detail)
            )
        raise UnauthorizedClient(detail)
    with services.database.write() as session:
        key = get_live_api_key(session, api_key, settings.secret_pepper)
        if key is None:
            raise InvalidGrant("the API key is unknown or has been revoked")
        grant = create_grant(
            session,
            settings=settings,
            application=application,
            scopes=scopes,
            organization_id=key.organization_id,
        )
        grant.api_key_id = key.id  # revoking the key revokes the grant
    access_token, _claims = issue_access_token(
        services.keys,
        settings,
        grant_id=grant.id,
        client_id=application.client_id,
        scopes=scopes,
        subject=None,
        organization_id=grant.organization_id,
    )
    return no_store_json(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": settings.access_token_lifetime,
            "scope": " ".join(scopes),
        }
    )
