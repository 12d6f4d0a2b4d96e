"""The token response of RFC 6749 §5.1 for one grant: access token, id_token, refresh token.

Shaped as Visma Connect answers a Dinero client: `access_token`, `expires_in`, `token_type`,
`refresh_token` (only with `offline_access`), `scope` (space separated), and `id_token` (only
with `openid`).
"""

from __future__ import annotations

import calendar
from datetime import datetime
from typing import Any

from bilag.config import Settings
from bilag.identity.id_tokens import identity_claims, issue_id_token
from bilag.identity.keys import KeyStore
from bilag.identity.tokens import issue_access_token
from bilag.storage.models import Grant, User

NO_STORE_HEADERS = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def epoch(moment: datetime | None) -> int | None:
    """A naive UTC datetime as seconds since the epoch."""
    return None if moment is None else calendar.timegm(moment.utctimetuple())


def mint_token_response(
    keys: KeyStore,
    settings: Settings,
    *,
    grant: Grant,
    client_id: str,
    user: User | None,
    scopes: list[str],
    refresh_token: str | None,
    nonce: str | None = None,
) -> dict[str, Any]:
    """A fresh access token (and id_token when `openid` is in `scopes`) for the grant."""
    auth_time = epoch(grant.auth_time)
    access_token, _claims = issue_access_token(
        keys,
        settings,
        grant_id=grant.id,
        client_id=client_id,
        scopes=scopes,
        subject=user.sub if user is not None else None,
        session_id=grant.session_id,
        auth_time=auth_time,
        organization_id=grant.organization_id,
    )
    response: dict[str, Any] = {
        "access_token": access_token,
        "expires_in": settings.access_token_lifetime,
        "token_type": "Bearer",
    }
    if refresh_token is not None:
        response["refresh_token"] = refresh_token
    response["scope"] = " ".join(scopes)
    if "openid" in scopes and user is not None:
        claims = identity_claims(
            subject=user.sub, name=user.name, email=user.email, scopes=set(scopes)
        )
        claims.pop("sub")
        response["id_token"] = issue_id_token(
            keys,
            settings,
            client_id=client_id,
            subject=user.sub,
            auth_time=auth_time,
            session_id=grant.session_id,
            nonce=nonce,
            access_token=access_token,
            extra_claims=claims,
        )
    return response
