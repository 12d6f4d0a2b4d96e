"""Applications (OAuth clients) in the style of Visma Connect's developer portal.

Client ids always start with `isv_` and are made from the application's name. A secret is shown
once and stored only as a peppered HMAC; regenerating it makes every older secret fail at once.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.identity.hashing import peppered_digest, same
from bilag.storage.models import Application, ClientSecret, Grant, IdentityEvent, utcnow

APP_TYPES = ("web", "native", "service")
DINERO_SCOPES = frozenset({"dineropublicapi:read", "dineropublicapi:write"})
KNOWN_SCOPES = DINERO_SCOPES | {"offline_access", "openid", "profile", "email"}
DEFAULT_SCOPES = ("dineropublicapi:read", "dineropublicapi:write", "offline_access", "openid")
REFRESH_USAGES = ("one_time", "reuse")
MAX_REFRESH_LIFETIME_DAYS = 365


@dataclass(frozen=True)
class RedirectUriProblem:
    uri: str
    reason: str


def client_id_for(name: str) -> str:
    """`isv_` plus the name folded to lowercase ASCII letters, digits and underscores."""
    danish = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    ascii_name = unicodedata.normalize("NFKD", danish).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_") or "app"
    return f"isv_{slug}"


def redirect_uri_problem(uri: str) -> RedirectUriProblem | None:
    """Why a redirect URI cannot be registered, or None.

    Absolute URIs without a fragment; http only for loopback hosts; a native app's private-use
    scheme such as `com.example.app:/callback` is fine (RFC 8252 §7.1).
    """
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(.+)$", uri)
    if match is None or "#" in uri or any(c.isspace() for c in uri):
        return RedirectUriProblem(uri, "must be an absolute URI without a fragment")
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme in {"http", "https"}:
        if not rest.startswith("//") or len(rest) == 2:
            return RedirectUriProblem(uri, "must name a host")
        host = re.split(r"[/?]", rest[2:], maxsplit=1)[0].rsplit("@", 1)[-1]
        host = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if scheme == "http" and host.lower() not in {"127.0.0.1", "localhost", "[::1]"}:
            return RedirectUriProblem(uri, "http is allowed only for loopback; use https")
    elif scheme in {"javascript", "data", "file", "vbscript"}:
        return RedirectUriProblem(uri, f"the {scheme} scheme cannot be a redirect URI")
    return None


def redirect_uris_of(application: Application) -> list[str]:
    uris: list[str] = json.loads(application.redirect_uris)
    return uris


def post_logout_redirect_uris_of(application: Application) -> list[str]:
    uris: list[str] = json.loads(application.post_logout_redirect_uris)
    return uris


def scopes_of(application: Application) -> frozenset[str]:
    return frozenset(application.scopes.split())


def get_application(session: Session, client_id: str) -> Application | None:
    return session.scalars(select(Application).where(Application.client_id == client_id)).first()


def create_application(
    session: Session,
    *,
    name: str,
    pepper: str,
    app_type: str = "web",
    redirect_uris: list[str] | None = None,
    post_logout_redirect_uris: list[str] | None = None,
    scopes: list[str] | None = None,
    offline_access: bool = True,
    refresh_token_usage: str = "one_time",
    refresh_token_lifetime_days: int = MAX_REFRESH_LIFETIME_DAYS,
    refresh_grace_seconds: int | None = None,
    owner_user_id: int | None = None,
    client_id: str | None = None,
    secret: str | None = None,
) -> tuple[Application, str | None]:
    """Create an application; returns it with its first secret (None for native apps)."""
    if not name.strip():
        raise ValueError("an application needs a name")
    if app_type not in APP_TYPES:
        raise ValueError(f"application type must be one of {', '.join(APP_TYPES)}")
    if refresh_token_usage not in REFRESH_USAGES:
        raise ValueError("refresh token usage must be one_time or reuse")
    if not 1 <= refresh_token_lifetime_days <= MAX_REFRESH_LIFETIME_DAYS:
        raise ValueError("refresh token lifetime must be between 1 and 365 days")
    if refresh_grace_seconds is not None and not (
        refresh_grace_seconds == 0 or 5 <= refresh_grace_seconds <= 60
    ):
        raise ValueError("the refresh grace period must be 0 or between 5 and 60 seconds")
    uris = list(redirect_uris or [])
    for uri in uris + list(post_logout_redirect_uris or []):
        problem = redirect_uri_problem(uri)
        if problem is not None:
            raise ValueError(f"redirect URI {uri!r} {problem.reason}")
    wanted = list(scopes if scopes is not None else DEFAULT_SCOPES)
    unknown = sorted(set(wanted) - KNOWN_SCOPES)
    if unknown:
        raise ValueError(f"unknown scopes: {' '.join(unknown)}")
    if session.scalars(select(Application).where(Application.name == name.strip())).first():
        raise ValueError(f"an application named {name.strip()!r} already exists")
    client_id = client_id or _unique_client_id(session, client_id_for(name))
    if not client_id.startswith("isv_"):
        raise ValueError("client ids always start with isv_")
    application = Application(
        client_id=client_id,
        name=name.strip(),
        owner_user_id=owner_user_id,
        app_type=app_type,
        redirect_uris=json.dumps(uris),
        post_logout_redirect_uris=json.dumps(list(post_logout_redirect_uris or [])),
        scopes=" ".join(wanted),
        offline_access=offline_access,
        refresh_token_usage=refresh_token_usage,
        refresh_token_lifetime_days=refresh_token_lifetime_days,
        refresh_grace_seconds=refresh_grace_seconds,
    )
    session.add(application)
    session.flush()
    first_secret = None
    if app_type != "native":
        first_secret = regenerate_secret(session, application, pepper=pepper, secret=secret)
    return application, first_secret


def regenerate_secret(
    session: Session, application: Application, *, pepper: str, secret: str | None = None
) -> str:
    """Issue a new secret, shown once; every older secret stops working immediately."""
    now = utcnow()
    for old in session.scalars(
        select(ClientSecret).where(
            ClientSecret.application_id == application.id, ClientSecret.revoked_at.is_(None)
        )
    ):
        old.revoked_at = now
    secret = secret or secrets.token_urlsafe(32)
    session.add(
        ClientSecret(
            application_id=application.id,
            secret_hash=peppered_digest(secret, pepper),
            hint=secret[-4:],
        )
    )
    session.add(IdentityEvent(kind="secret_regenerated", application_id=application.id))
    session.flush()
    return secret


def authenticate_client(
    session: Session, client_id: str, secret: str, *, pepper: str
) -> Application | None:
    """The application if `secret` is one of its live secrets, else None. Constant time."""
    application = get_application(session, client_id)
    if application is None:
        return None
    wanted = peppered_digest(secret, pepper)
    match = False
    for row in session.scalars(
        select(ClientSecret).where(
            ClientSecret.application_id == application.id, ClientSecret.revoked_at.is_(None)
        )
    ):
        match |= same(row.secret_hash, wanted)
    return application if match else None


def revoke_client(session: Session, application: Application, reason: str) -> None:
    """An operator's revocation: every grant of the client dies and new ones are refused."""
    now = utcnow()
    application.revoked_at = now
    application.revoke_reason = reason
    for grant in session.scalars(
        select(Grant).where(Grant.application_id == application.id, Grant.revoked_at.is_(None))
    ):
        grant.revoked_at = now
        grant.revoke_reason = f"client revoked: {reason}"
    session.add(IdentityEvent(kind="client_revoked", application_id=application.id, detail=reason))
    session.flush()


def _unique_client_id(session: Session, base: str) -> str:
    candidate, n = base, 1
    while get_application(session, candidate) is not None:
        n += 1
        candidate = f"{base}_{n}"
    return candidate
