"""What every page of the identity provider shares for safety: response headers, the session
cookie, CSRF checks, local return paths, and the 4xx pages raised as `PageError`."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bilag.config import Settings
from bilag.identity.context import Services
from bilag.identity.sessions import SESSION_LIFETIME, LiveSession, get_live_session

SESSION_COOKIE = "bilag_session"
LOGIN_CSRF_COOKIE = "bilag_login_csrf"
CSRF_FIELD = "csrf_token"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
_MAX_RETURN_PATH = 8192
_LOCAL_PATH = re.compile(r"^/(?![/\\])[\x21-\x7e]*$")


class PageError(Exception):
    """A 4xx answered with an HTML page naming the problem (see `routes.install`)."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        title: str = "The request cannot be handled",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.title = title
        self.headers = dict(headers or {})


def secure(response: Response) -> Response:
    """Anti-framing, a strict CSP, no referrer and no caching: pages here carry codes, CSRF
    tokens and the user's identity (oauth.md §5 rows 18 and 19)."""
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def redirect(url: str, *, status_code: int = 303) -> Response:
    return secure(RedirectResponse(url, status_code=status_code))


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def session_handle(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE)


def current_session(request: Request) -> LiveSession | None:
    """The live browser session of this request, or None."""
    handle = session_handle(request)
    if not handle:
        return None
    with services_of(request).database.read() as session:
        return get_live_session(session, handle)


def set_session_cookie(response: Response, handle: str, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        handle,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        secure=settings.cookies_secure,
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=settings.cookies_secure, httponly=True, samesite="lax"
    )


def require_csrf(live: LiveSession, form: dict[str, list[str]]) -> None:
    """Refuse a logged-in user's form that lacks this session's CSRF token."""
    tokens = form.get(CSRF_FIELD) or []
    token = tokens[0] if len(tokens) == 1 else None
    if not live.csrf_token_valid(token):
        raise PageError(
            403,
            "The form's security token is missing or stale. Go back, reload the page and "
            "submit again.",
            title="Forbidden",
        )


def local_return_path(value: str | None) -> str | None:
    """`value` if it is a path on this server (never another origin), else None."""
    if not value or len(value) > _MAX_RETURN_PATH or not _LOCAL_PATH.match(value):
        return None
    return value
