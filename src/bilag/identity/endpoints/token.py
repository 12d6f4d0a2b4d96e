"""`POST /connect/token`: the authorization_code and refresh_token grants (RFC 6749 §4.1.3, §6).

Only web applications may use them, as Dinero allows. `client_credentials` is refused with
`unauthorized_client` and the refusal is recorded; any other grant type is unsupported.
Every refusal is also logged for the Debugger, its id in `X-Bilag-Error-Id` (`refusals_token`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.client_auth import client_credentials_from, require_client
from bilag.identity.codes import redeem_authorization_code
from bilag.identity.context import Services, get_services
from bilag.identity.endpoints.protocol import no_store_json, read_form, require_param
from bilag.identity.errors import UnauthorizedClient, UnsupportedGrantType
from bilag.identity.grants import create_grant, write_or_revoke
from bilag.identity.issuance import mint_token_response
from bilag.identity.refresh import issue_refresh_token, redeem_refresh_token
from bilag.identity.refusals_token import RecordingOAuthRoute
from bilag.storage.models import Application, IdentityEvent, User

router = APIRouter(route_class=RecordingOAuthRoute, include_in_schema=False)

Exchange = Callable[[Session, Services, Application, dict[str, str]], dict[str, Any]]


def exchange_authorization_code(
    session: Session, services: Services, application: Application, form: dict[str, str]
) -> dict[str, Any]:
    code = redeem_authorization_code(
        session,
        application=application,
        code=require_param(form, "code"),
        redirect_uri=form.get("redirect_uri"),
        code_verifier=form.get("code_verifier"),
    )
    scopes = code.scopes.split()
    grant = create_grant(
        session,
        settings=services.settings,
        application=application,
        scopes=scopes,
        user_id=code.user_id,
        session_id=code.session_id,
        auth_time=code.auth_time,
    )
    code.grant_id = grant.id
    refresh_token = issue_refresh_token(session, grant) if "offline_access" in scopes else None
    return mint_token_response(
        services.keys,
        services.settings,
        grant=grant,
        client_id=application.client_id,
        user=session.get(User, code.user_id),
        scopes=scopes,
        refresh_token=refresh_token,
        nonce=code.nonce,
    )


def exchange_refresh_token(
    session: Session, services: Services, application: Application, form: dict[str, str]
) -> dict[str, Any]:
    return redeem_refresh_token(
        session,
        services.keys,
        services.settings,
        application=application,
        handle=require_param(form, "refresh_token"),
        scope=form.get("scope"),
    )


EXCHANGES: dict[str, Exchange] = {
    "authorization_code": exchange_authorization_code,
    "refresh_token": exchange_refresh_token,
}


@router.post("/connect/token")
def token(
    request: Request,
    form: dict[str, str] = Depends(read_form),
    services: Services = Depends(get_services),
) -> Response:
    credentials = client_credentials_from(request.headers.get("authorization"), form)
    with services.database.read() as session:
        application = require_client(session, credentials, pepper=services.settings.secret_pepper)
    grant_type = require_param(form, "grant_type")
    refusal = _refusal(application, grant_type, form.get("scope"))
    if refusal is not None:
        kind, error = refusal
        with services.database.write() as session:
            session.add(
                IdentityEvent(kind=kind, application_id=application.id, detail=error.description)
            )
        raise error
    exchange = EXCHANGES.get(grant_type)
    if exchange is None:
        raise UnsupportedGrantType(
            f"grant_type {grant_type!r} is not supported; use authorization_code or refresh_token"
        )
    services.keys.signing_key()  # load (or create) the key before the write lock is taken
    reply = write_or_revoke(
        services.database, lambda session: exchange(session, services, application, form)
    )
    return no_store_json(reply)


def _refusal(
    application: Application, grant_type: str, scope: str | None
) -> tuple[str, UnauthorizedClient] | None:
    """Why this client may not use this grant at all, as (event kind, error), or None."""
    if grant_type == "client_credentials":
        asked = f" for scope {scope!r}" if scope else ""
        return "client_credentials_refused", UnauthorizedClient(
            f"client_credentials{asked} is refused: the Dinero API supports only web "
            f"applications using the authorization code grant (this is a "
            f"{application.app_type} application)"
        )
    if grant_type in EXCHANGES and application.app_type != "web":
        return "app_type_refused", UnauthorizedClient(
            f"only web applications may use the Dinero API; this is a "
            f"{application.app_type} application"
        )
    return None
