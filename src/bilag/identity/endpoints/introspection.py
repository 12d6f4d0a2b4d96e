"""`POST /connect/introspect` (RFC 7662): a client may ask only about its own tokens.

Anything invalid, expired, consumed, revoked or another client's is `{"active": false}`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.client_auth import client_credentials_from, require_client
from bilag.identity.context import Services, get_services
from bilag.identity.endpoints.protocol import OAuthRoute, no_store_json, read_form, require_param
from bilag.identity.grants import is_live
from bilag.identity.hashing import digest
from bilag.identity.issuance import epoch
from bilag.identity.sandbox import clock
from bilag.identity.tokens import InvalidAccessToken, verify_access_token
from bilag.storage.models import Application, Grant, RefreshToken, User

router = APIRouter(route_class=OAuthRoute, include_in_schema=False)

INACTIVE: dict[str, Any] = {"active": False}


@router.post("/connect/introspect")
def introspect(
    request: Request,
    form: dict[str, str] = Depends(read_form),
    services: Services = Depends(get_services),
) -> Response:
    credentials = client_credentials_from(request.headers.get("authorization"), form)
    token = require_param(form, "token")
    with services.database.read() as session:
        application = require_client(session, credentials, pepper=services.settings.secret_pepper)
        if token.count(".") == 2:
            return no_store_json(_access_token(session, services, application, token))
        return no_store_json(_refresh_token(session, services, application, token))


def _access_token(
    session: Session, services: Services, application: Application, token: str
) -> dict[str, Any]:
    try:
        claims = verify_access_token(services.keys, services.settings, token)
    except InvalidAccessToken:
        return INACTIVE
    if claims.client_id != application.client_id or not is_live(session, claims.grant_id):
        return INACTIVE
    raw = claims.raw
    answer: dict[str, Any] = {
        "active": True,
        "token_type": "access_token",
        "scope": " ".join(sorted(claims.scopes)),
        "client_id": claims.client_id,
    }
    for name in ("sub", "exp", "iat", "nbf", "iss", "aud", "jti", "auth_time", "sid", "org"):
        if name in raw:
            answer[name] = raw[name]
    return answer


def _refresh_token(
    session: Session, services: Services, application: Application, token: str
) -> dict[str, Any]:
    row = session.execute(
        select(RefreshToken, Grant)
        .join(Grant, Grant.id == RefreshToken.grant_id)
        .where(RefreshToken.token_hash == digest(token))
    ).first()
    if row is None:
        return INACTIVE
    refresh, grant = row
    expired = refresh.expires_at is not None and refresh.expires_at <= clock.now()
    if (
        grant.application_id != application.id
        or refresh.consumed_at is not None
        or expired
        or not is_live(session, grant.id)
    ):
        return INACTIVE
    answer: dict[str, Any] = {
        "active": True,
        "token_type": "refresh_token",
        "scope": grant.scopes,
        "client_id": application.client_id,
        "iss": services.settings.issuer,
        "iat": epoch(refresh.issued_at),
    }
    if refresh.expires_at is not None:
        answer["exp"] = epoch(refresh.expires_at)
    user = session.get(User, grant.user_id) if grant.user_id is not None else None
    if user is not None:
        answer["sub"] = user.sub
    return answer
