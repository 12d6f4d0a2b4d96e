"""`/connect/endsession`: OpenID Connect RP-initiated logout.

The session always ends. The browser goes back to the application only when it names a
`post_logout_redirect_uri` registered for the client, and proves which client it is with an
`id_token_hint` we signed for that client (`aud`); an expired hint still counts, as the spec
allows. Anything else ends on our "you are logged out" page (oauth.md §5 row 20).
"""

from __future__ import annotations

from fastapi import APIRouter
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jws import extract_compact
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.applications import get_application, post_logout_redirect_uris_of
from bilag.identity.context import Services
from bilag.identity.sessions import end_session
from bilag.web.callback import with_query
from bilag.web.forms import Fields, read_form, read_query, single
from bilag.web.security import clear_session_cookie, redirect, services_of, session_handle
from bilag.web.templating import language_for, page

router = APIRouter(include_in_schema=False)

_MAX_TOKEN = 8192


@router.api_route("/connect/endsession", methods=["GET", "POST"])
async def endsession(request: Request) -> Response:
    services = services_of(request)
    fields = read_query(request) if request.method == "GET" else await read_form(request)
    hint = single(fields, "id_token_hint", max_length=_MAX_TOKEN)
    target = single(fields, "post_logout_redirect_uri", max_length=2000)
    state = single(fields, "state", max_length=2000)
    client_id = single(fields, "client_id", max_length=200)
    language = _language(request, fields)
    handle = session_handle(request)
    destination, note = await run_in_threadpool(_end, services, handle, hint, target, client_id)
    if destination is not None:
        extra = {"state": state} if state is not None else {}
        status = 302 if request.method == "GET" else 303
        url = with_query(destination, extra) if extra else destination
        response = redirect(url, status_code=status)
    else:
        response = page("logged_out.html", language=language, note=note)
    clear_session_cookie(response, services.settings)
    return response


def _end(
    services: Services,
    handle: str | None,
    hint: str | None,
    target: str | None,
    client_id: str | None,
) -> tuple[str | None, str]:
    """End the session; return where to send the browser (or None) and why not."""
    # Verify before the write transaction: loading keys may itself need to write.
    hinted = _client_of_hint(services, hint) if hint and target is not None else None
    with services.database.write() as session:
        end_session(session, handle)
        if target is None:
            return None, ""
        if hinted is None:
            return (
                None,
                "You were not sent back to the application: it sent no valid id_token_hint.",
            )
        if client_id is not None and client_id != hinted:
            return None, "You were not sent back: client_id does not match the id_token_hint."
        application = get_application(session, hinted)
        if application is None or application.revoked_at is not None:
            return None, "You were not sent back: the application is unknown or blocked."
        if target not in post_logout_redirect_uris_of(application):
            return None, "You were not sent back: post_logout_redirect_uri is not registered."
        return target, ""


def _client_of_hint(services: Services, token: str) -> str | None:
    """The client an id_token we issued was meant for (its `aud`), or None if it is not one."""
    try:
        kid = extract_compact(token.encode("ascii")).headers().get("kid")
        decoded = jwt.decode(token, services.keys.verifying_keys(kid), algorithms=["RS256"])
    except (JoseError, ValueError, TypeError, KeyError, UnicodeError):
        return None
    if str(decoded.header.get("typ", "JWT")).lower() == "at+jwt":
        return None  # an access token is not an id_token
    claims = decoded.claims
    if claims.get("iss") != services.settings.issuer:
        return None
    audience = claims.get("aud")
    if isinstance(audience, list):
        azp = claims.get("azp")
        audience = audience[0] if len(audience) == 1 else azp if azp in audience else None
    return audience if isinstance(audience, str) and audience else None


def _language(request: Request, fields: Fields) -> str:
    ui_locales = (fields.get("ui_locales") or [""])[0][:100].split()
    return language_for(ui_locales, request.headers.get("accept-language", "")[:200])
