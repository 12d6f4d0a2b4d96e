"""`/connect/authorize` and the consent form behind it.

A valid request from an anonymous user goes to the login page and comes back here; a logged-in
user sees the consent page. Accept issues a code (bound to the client, redirect URI, user,
PKCE challenge, nonce and session) and sends it to the application; Deny sends `access_denied`.
prompt=login and max_age end a session that is too old, so only a fresh login can continue.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.authorize import (
    AuthorizationRequest,
    Refusal,
    check_authorization_request,
    refuse,
)
from bilag.identity.codes import issue_authorization_code
from bilag.identity.context import Services
from bilag.identity.debugger import record_failure
from bilag.identity.sessions import LiveSession, end_session, get_live_session
from bilag.storage.models import Application, Grant
from bilag.web.callback import send_code, send_refusal
from bilag.web.forms import (
    MAX_QUERY_BYTES,
    Fields,
    parse_fields,
    read_form,
    read_query,
    single,
)
from bilag.web.login import login_url
from bilag.web.security import (
    PageError,
    clear_session_cookie,
    current_session,
    redirect,
    require_csrf,
    services_of,
    session_handle,
)
from bilag.web.templating import language_for, page, scope_labels

router = APIRouter(include_in_schema=False)


@router.api_route("/connect/authorize", methods=["GET", "POST"])
async def authorize(request: Request) -> Response:
    services = services_of(request)
    status = 302 if request.method == "GET" else 303
    try:
        fields = read_query(request) if request.method == "GET" else await read_form(request)
    except PageError as bad:
        return await run_in_threadpool(_malformed, services, bad)
    return await run_in_threadpool(
        _authorize, services, fields, session_handle(request), _accept_language(request), status
    )


@router.post("/connect/consent")
async def consent(request: Request) -> Response:
    services = services_of(request)
    form = await read_form(request)
    live = await run_in_threadpool(current_session, request)
    if live is None:
        raise PageError(403, "Your login has ended. Start again from the application.")
    require_csrf(live, form)
    decision = single(form, "decision")
    if decision not in ("accept", "deny"):
        raise PageError(400, "decision must be accept or deny.")
    authorization = single(form, "authorization", max_length=MAX_QUERY_BYTES) or ""
    fields = parse_fields(authorization.encode("utf-8"))
    return await run_in_threadpool(
        _decide, services, fields, live, decision == "accept", _accept_language(request)
    )


def _authorize(
    services: Services, fields: Fields, handle: str | None, accept_language: str, status: int
) -> Response:
    with services.database.read() as session:
        verdict = check_authorization_request(session, fields)
        live = get_live_session(session, handle)
    if isinstance(verdict, Refusal):
        return _refused(services, verdict, language_for((), accept_language), status)
    auth = verdict
    language = language_for(auth.ui_locales, accept_language)
    stale = live is not None and (
        auth.requires_fresh_login
        or (auth.max_age is not None and live.login_older_than(auth.max_age))
    )
    if "none" in auth.prompt:
        return _silently(services, auth, None if stale else live, language, status)
    if live is None or stale:
        response = redirect(login_url(continuation(auth)), status_code=status)
        if stale:
            with services.database.write() as session:
                end_session(session, handle)
            clear_session_cookie(response, services.settings)
        return response
    return _consent_page(auth, live, language)


def _silently(
    services: Services,
    auth: AuthorizationRequest,
    live: LiveSession | None,
    language: str,
    status: int,
) -> Response:
    """prompt=none: a code without any page, or `login_required` / `consent_required`."""
    if live is None:
        return _refused(services, auth.refusal("login_required"), language, status)
    issuer = services.settings.issuer
    with services.database.write() as session:
        if _already_granted(session, auth, live.user_id):
            code = _issue(session, services, auth, live)
        else:
            refusal = auth.refusal("consent_required")
            error_id = refuse(session, refusal)
            code = None
    if code is None:
        return send_refusal(refusal, error_id, issuer=issuer, language=language, status_code=status)
    return send_code(
        auth.error_redirect,
        code,
        scopes=auth.scopes,
        issuer=issuer,
        language=language,
        status_code=status,
    )


def _decide(
    services: Services, fields: Fields, live: LiveSession, accepted: bool, accept_language: str
) -> Response:
    with services.database.write() as session:
        verdict = check_authorization_request(session, fields)
        if isinstance(verdict, Refusal):
            refusal, code = verdict, None
        elif not accepted:
            refusal, code = verdict.refusal("access_denied"), None
        else:
            refusal, code = None, _issue(session, services, verdict, live)
        error_id = refuse(session, refusal) if refusal is not None else ""
    issuer = services.settings.issuer
    if refusal is not None:
        ui_locales = verdict.ui_locales if isinstance(verdict, AuthorizationRequest) else ()
        language = language_for(ui_locales, accept_language)
        return send_refusal(refusal, error_id, issuer=issuer, language=language)
    assert isinstance(verdict, AuthorizationRequest) and code is not None
    language = language_for(verdict.ui_locales, accept_language)
    return send_code(
        verdict.error_redirect, code, scopes=verdict.scopes, issuer=issuer, language=language
    )


def _issue(
    session: Session, services: Services, auth: AuthorizationRequest, live: LiveSession
) -> str:
    application = session.get(Application, auth.application_id)
    assert application is not None
    return issue_authorization_code(
        session,
        settings=services.settings,
        application=application,
        user_id=live.user_id,
        redirect_uri=auth.redirect_uri,
        scopes=list(auth.scopes),
        nonce=auth.nonce,
        code_challenge=auth.code_challenge,
        code_challenge_method=auth.code_challenge_method,
        session_id=live.sid,
        auth_time=live.auth_time,
    )


def _already_granted(session: Session, auth: AuthorizationRequest, user_id: int) -> bool:
    """prompt=none may skip consent only if a live grant of this user already covers it."""
    granted = session.scalars(
        select(Grant.scopes).where(
            Grant.application_id == auth.application_id,
            Grant.user_id == user_id,
            Grant.revoked_at.is_(None),
        )
    )
    return any(set(auth.scopes) <= set(scopes.split()) for scopes in granted)


def _consent_page(auth: AuthorizationRequest, live: LiveSession, language: str) -> Response:
    return page(
        "consent.html",
        language=language,
        current=live,
        csrf_token=live.csrf_token,
        return_to=continuation(auth),
        application_name=auth.application_name,
        scopes=list(zip(auth.scopes, scope_labels(auth.scopes, language), strict=True)),
        authorization=urlencode(_continued_parameters(auth)),
    )


def _refused(services: Services, refusal: Refusal, language: str, status: int) -> Response:
    with services.database.write() as session:
        error_id = refuse(session, refusal)
    issuer = services.settings.issuer
    return send_refusal(refusal, error_id, issuer=issuer, language=language, status_code=status)


def _malformed(services: Services, bad: PageError) -> Response:
    with services.database.write() as session:
        error_id = record_failure(session, reason="malformed_request", detail=bad.message)
    return page(
        "error.html",
        status_code=bad.status_code,
        title="The application's request is invalid",
        error="invalid_request",
        message=bad.message,
        error_id=error_id,
    )


def continuation(auth: AuthorizationRequest) -> str:
    """This request as a URL to come back to after a login, minus what forced that login."""
    return "/connect/authorize?" + urlencode(_continued_parameters(auth))


def _continued_parameters(auth: AuthorizationRequest) -> dict[str, str]:
    parameters = dict(auth.parameters)
    prompt = [value for value in parameters.get("prompt", "").split() if value != "login"]
    if prompt:
        parameters["prompt"] = " ".join(prompt)
    else:
        parameters.pop("prompt", None)
    if auth.max_age == 0:
        parameters.pop("max_age", None)
    return parameters


def _accept_language(request: Request) -> str:
    return request.headers.get("accept-language", "")[:200]
