"""`/connect/login` and `/connect/logout`.

The login form has no session to bind a CSRF token to, so it uses a signed double-submit cookie.
A successful login always starts a new session (a planted cookie is worthless afterwards) and
goes back to `return_to`, a path on this server: usually the authorization request that sent
the user here. Logout with `return_to` is the consent page's "Not you? Log out / switch account":
it ends the session and shows the login form, which then resumes the same request.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.context import Services
from bilag.identity.first_party import revoke_session_grants
from bilag.identity.login_throttle import login_blocked, record_failed_login
from bilag.identity.sessions import (
    LiveSession,
    end_session,
    get_live_session,
    login_csrf_token,
    login_csrf_valid,
    new_login_csrf_cookie,
    start_session,
)
from bilag.identity.users import authenticate_user, password_needs_rehash, set_password
from bilag.web.forms import Fields, read_form, read_query, single
from bilag.web.security import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    PageError,
    clear_session_cookie,
    current_session,
    local_return_path,
    redirect,
    require_csrf,
    services_of,
    session_handle,
    set_session_cookie,
)
from bilag.web.templating import TEXTS, language_for, page

router = APIRouter(include_in_schema=False)

LOGIN_PATH = "/connect/login"
MAX_EMAIL = 320
MAX_PASSWORD = 1000
_THROTTLED = "throttled"


def login_url(return_to: str) -> str:
    return f"{LOGIN_PATH}?" + urlencode({"return_to": return_to})


@router.get(LOGIN_PATH)
async def login_form(request: Request) -> Response:
    query = read_query(request)
    return_to = local_return_path(single(query, "return_to", max_length=8192)) or ""
    live = await run_in_threadpool(current_session, request)
    return _login_page(request, return_to, live=live)


@router.post(LOGIN_PATH)
async def login(request: Request) -> Response:
    services = services_of(request)
    form = await read_form(request)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not login_csrf_valid(cookie, single(form, CSRF_FIELD), services.settings.secret_pepper):
        raise PageError(
            403,
            "The login form's security token is missing or stale. Reload the page and log in "
            "again (cookies must be enabled).",
            title="Forbidden",
        )
    return_to = local_return_path(single(form, "return_to", max_length=8192)) or ""
    email = (single(form, "email", max_length=MAX_EMAIL) or "").strip()
    password = single(form, "password", max_length=MAX_PASSWORD) or ""
    language = _language(request, return_to)
    if not email or not password:
        message = TEXTS[language]["login_failed"]
        return _login_page(request, return_to, message=message, email=email, status_code=400)
    address = request.client.host if request.client else "unknown"
    handle = await run_in_threadpool(
        _log_in, services, email, password, address, session_handle(request)
    )
    if handle is _THROTTLED:
        message = TEXTS[language]["login_throttled"]
        return _login_page(request, return_to, message=message, email=email, status_code=429)
    if handle is None:
        message = TEXTS[language]["login_failed"]
        return _login_page(request, return_to, message=message, email=email, status_code=400)
    response = redirect(return_to or LOGIN_PATH)
    set_session_cookie(response, handle, services.settings)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=LOGIN_PATH)
    return response


@router.post("/connect/logout")
async def logout(request: Request) -> Response:
    services = services_of(request)
    form = await read_form(request)
    live = await run_in_threadpool(current_session, request)
    if live is not None:
        require_csrf(live, form)
        await run_in_threadpool(_log_out, services, session_handle(request))
    return_to = local_return_path(single(form, "return_to", max_length=8192))
    if return_to:
        response = redirect(login_url(return_to))
    else:
        response = page("logged_out.html", language=_language(request, ""), note="")
    clear_session_cookie(response, services.settings)
    return response


def _log_in(
    services: Services, email: str, password: str, address: str, old_handle: str | None
) -> str | None:
    """A new session's cookie value for valid credentials (ending the old session), None for
    wrong ones, or `_THROTTLED` while this address has failed too often."""
    with services.database.read() as session:
        if login_blocked(session, email, address):
            return _THROTTLED
        user = authenticate_user(session, email, password)
    if user is None:
        with services.database.write() as session:
            record_failed_login(session, email, address)
        return None
    with services.database.write() as session:
        if password_needs_rehash(user):
            set_password(session, session.merge(user), password)
        end_session(session, old_handle)
        return start_session(session, user.id)


def _log_out(services: Services, handle: str | None) -> None:
    with services.database.write() as session:
        live = get_live_session(session, handle)
        end_session(session, handle)
        if live is not None:
            revoke_session_grants(session, live.sid)


def _login_page(
    request: Request,
    return_to: str,
    *,
    live: LiveSession | None = None,
    message: str = "",
    email: str = "",
    status_code: int = 200,
) -> Response:
    settings = services_of(request).settings
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not cookie or len(cookie) > 200:
        cookie = new_login_csrf_cookie()
    response = page(
        "login.html",
        status_code=status_code,
        language=_language(request, return_to),
        csrf_token=login_csrf_token(cookie, settings.secret_pepper),
        return_to=return_to,
        message=message,
        email=email,
        current=live,
        session_csrf=live.csrf_token if live is not None else "",
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        cookie,
        path=LOGIN_PATH,
        secure=settings.cookies_secure,
        httponly=True,
        samesite="lax",
    )
    return response


def _language(request: Request, return_to: str) -> str:
    """The language the authorization request asked for (ui_locales), else the browser's."""
    query: Fields = {}
    for name, value in parse_qsl(urlsplit(return_to).query):
        query.setdefault(name, []).append(value)
    ui_locales = (query.get("ui_locales") or [""])[0].split()
    return language_for(ui_locales, request.headers.get("accept-language", "")[:200])
