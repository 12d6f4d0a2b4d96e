"""`GET|POST /connect/userinfo` (OIDC Core §5.3): the user's claims for an `openid` token.

The token comes in the `Authorization: Bearer` header, or for POST as `access_token` in a form
body (RFC 6750 §2.2), never both. Which claims appear depends on the granted scopes.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.access import authenticate_bearer, bearer_token
from bilag.identity.context import Services, get_services
from bilag.identity.endpoints.protocol import OAuthRoute, no_store_json, read_form
from bilag.identity.errors import InsufficientScope, InvalidRequest, InvalidToken
from bilag.identity.id_tokens import identity_claims
from bilag.identity.tokens import InvalidAccessToken
from bilag.storage.models import User

router = APIRouter(route_class=OAuthRoute, include_in_schema=False)

REALM = 'Bearer realm="bilag"'


async def userinfo_form(request: Request) -> dict[str, str]:
    """The form body of a POST that carries one; empty otherwise."""
    if request.method == "POST" and request.headers.get("content-type", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        return await read_form(request)
    return {}


def _invalid_token(description: str) -> InvalidToken:
    challenge = f'{REALM}, error="invalid_token", error_description="{description}"'
    return InvalidToken(description, headers={"WWW-Authenticate": challenge})


@router.api_route("/connect/userinfo", methods=["GET", "POST"])
def userinfo(
    request: Request,
    form: dict[str, str] = Depends(userinfo_form),
    services: Services = Depends(get_services),
) -> Response:
    header = request.headers.get("authorization")
    token = bearer_token(header)
    if token is not None and "access_token" in form:
        raise InvalidRequest("send the access token in the header or the body, not both")
    token = token or form.get("access_token")
    if token is None:
        raise InvalidToken(
            "an access token is required in the Authorization header",
            headers={"WWW-Authenticate": REALM},
        )
    try:
        principal = authenticate_bearer(services.database, services.keys, services.settings, token)
    except InvalidAccessToken as exc:
        raise _invalid_token("the access token is invalid, expired or revoked") from exc
    scopes = set(principal.claims.scopes)
    if "openid" not in scopes or principal.user_id is None:
        raise InsufficientScope(
            "userinfo needs a token granted the openid scope",
            headers={"WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="openid"'},
        )
    with services.database.read() as session:
        user = session.get(User, principal.user_id)
        if user is None:
            raise _invalid_token("the user of this token no longer exists")
        claims = identity_claims(subject=user.sub, name=user.name, email=user.email, scopes=scopes)
    return no_store_json(claims)
