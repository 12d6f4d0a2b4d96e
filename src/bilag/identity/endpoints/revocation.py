"""`POST /connect/revocation` (RFC 7009), as Visma Connect does it.

Revoking a refresh token revokes its whole grant, so every access and refresh token of it stops
working. Access tokens cannot be revoked on their own (Visma: "an access token cannot be
revoked"); such a request is accepted and changes nothing. Unknown tokens, and tokens of another
client, get the same 200 so the endpoint reveals nothing.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.client_auth import client_credentials_from, require_client
from bilag.identity.context import Services, get_services
from bilag.identity.endpoints.protocol import OAuthRoute, read_form, require_param
from bilag.identity.grants import revoke_grant
from bilag.identity.hashing import digest
from bilag.identity.issuance import NO_STORE_HEADERS
from bilag.storage.models import Grant, RefreshToken

router = APIRouter(route_class=OAuthRoute, include_in_schema=False)


@router.post("/connect/revocation")
def revocation(
    request: Request,
    form: dict[str, str] = Depends(read_form),
    services: Services = Depends(get_services),
) -> Response:
    credentials = client_credentials_from(request.headers.get("authorization"), form)
    token = require_param(form, "token")
    with services.database.write() as session:
        application = require_client(session, credentials, pepper=services.settings.secret_pepper)
        grant_id = session.scalar(
            select(Grant.id)
            .join(RefreshToken, RefreshToken.grant_id == Grant.id)
            .where(RefreshToken.token_hash == digest(token), Grant.application_id == application.id)
        )
        if grant_id is not None:
            revoke_grant(
                session,
                grant_id,
                "the client revoked a refresh token",
                event_kind="refresh_token_revoked",
            )
    return Response(status_code=200, headers=NO_STORE_HEADERS)
