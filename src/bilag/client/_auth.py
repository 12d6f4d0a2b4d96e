"""OAuth, sans I/O: the authorize URL, the callback, and the token requests and their answers.

Every function here builds an `httpx.Request` or reads an `httpx.Response`; sending them is the
caller's job, so `Client` and `AsyncClient` share all of it. The authorization code flow is the one
Dinero documents for Visma Connect (dinero-api.md §6.2): PKCE S256, `state` and `nonce`, a `query`
or `form_post` callback, and `client_secret_post` at the token endpoint. The legacy API-key grant
(§6.1) posts `grant_type=password` with the organization's key as username and password and
authenticates the client with HTTP Basic.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import httpx

from bilag.client._errors import (
    AuthorizationRevoked,
    CallbackError,
    TokenRequestError,
)
from bilag.client._tokens import TokenSet

DEFAULT_SCOPES = ("dineropublicapi:read", "dineropublicapi:write", "offline_access")
ResponseMode = Literal["query", "form_post"]


@dataclass(frozen=True)
class Endpoints:
    """Where the API and the identity providers are. The defaults are Dinero's own."""

    api_url: str = "https://api.dinero.dk"
    connect_url: str = "https://connect.visma.com"
    legacy_url: str = "https://authz.dinero.dk"

    @classmethod
    def single_origin(cls, base_url: str) -> Endpoints:
        """All three on one origin, as bilag serves them."""
        base = base_url.rstrip("/")
        return cls(api_url=base, connect_url=base, legacy_url=base)

    @property
    def authorize_url(self) -> str:
        return self.connect_url.rstrip("/") + "/connect/authorize"

    @property
    def token_url(self) -> str:
        return self.connect_url.rstrip("/") + "/connect/token"

    @property
    def revocation_url(self) -> str:
        return self.connect_url.rstrip("/") + "/connect/revocation"

    @property
    def legacy_token_url(self) -> str:
        return self.legacy_url.rstrip("/") + "/dineroapi/oauth/token"


@dataclass(frozen=True)
class OAuthApp:
    """The integration as registered in Visma Connect (or bilag's developer portal)."""

    client_id: str
    client_secret: str
    redirect_uri: str = ""
    scopes: Sequence[str] = DEFAULT_SCOPES


@dataclass(frozen=True)
class PendingAuthorization:
    """What to remember between sending the user away and their return."""

    url: str
    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def start_authorization(
    app: OAuthApp,
    endpoints: Endpoints,
    *,
    response_mode: ResponseMode = "query",
    ui_locales: str | None = None,
) -> PendingAuthorization:
    if not app.redirect_uri:
        raise ValueError("OAuthApp.redirect_uri is needed for the authorization code flow")
    verifier = secrets.token_urlsafe(64)[:96]
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    parameters = {
        "client_id": app.client_id,
        "response_type": "code",
        "response_mode": response_mode,
        "scope": " ".join(app.scopes),
        "redirect_uri": app.redirect_uri,
        "state": state,
        "nonce": nonce,
        "code_challenge": pkce_challenge(verifier),
        "code_challenge_method": "S256",
    }
    if ui_locales:
        parameters["ui_locales"] = ui_locales
    url = f"{endpoints.authorize_url}?{urlencode(parameters, quote_via=quote)}"
    return PendingAuthorization(url, state, nonce, verifier, app.redirect_uri)


def read_callback(
    pending: PendingAuthorization,
    *,
    url: str | None = None,
    form: Mapping[str, str] | None = None,
) -> str:
    """The code from a `query` callback (its `url`) or a `form_post` one (its `form`).

    The state must match what was sent, byte for byte, or the response is refused.
    """
    if form is not None:
        answer = dict(form)
    elif url is not None:
        answer = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    else:
        raise CallbackError("pass the callback's url (query) or its form (form_post)")
    returned_state = answer.get("state", "")
    if not hmac.compare_digest(returned_state.encode(), pending.state.encode()):
        raise CallbackError("the callback's state does not match the request; it is refused")
    if "error" in answer:
        description = answer.get("error_description", "")
        raise CallbackError(f"authorization failed: {answer['error']} {description}".strip())
    code = answer.get("code")
    if not code:
        raise CallbackError("the callback carries no code")
    return code


def _form_request(url: str, form: Mapping[str, str], headers: Mapping[str, str]) -> httpx.Request:
    return httpx.Request(
        "POST", url, data=dict(form), headers={"Accept": "application/json", **headers}
    )


def code_exchange_request(
    app: OAuthApp, endpoints: Endpoints, pending: PendingAuthorization, code: str
) -> httpx.Request:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": pending.redirect_uri,
        "code_verifier": pending.code_verifier,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    return _form_request(endpoints.token_url, form, {})


def refresh_request(app: OAuthApp, endpoints: Endpoints, refresh_token: str) -> httpx.Request:
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    return _form_request(endpoints.token_url, form, {})


def revocation_request(app: OAuthApp, endpoints: Endpoints, refresh_token: str) -> httpx.Request:
    """RFC 7009: revoking the refresh token ends the whole authorization."""
    form = {
        "token": refresh_token,
        "token_type_hint": "refresh_token",
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }
    return _form_request(endpoints.revocation_url, form, {})


def read_revocation_response(response: httpx.Response) -> None:
    if response.status_code != 200:
        error, description = _oauth_error(response)
        raise TokenRequestError(error, description, response.status_code)


def api_key_request(app: OAuthApp, endpoints: Endpoints, api_key: str) -> httpx.Request:
    pair = f"{quote(app.client_id, safe='')}:{quote(app.client_secret, safe='')}"
    basic = base64.b64encode(pair.encode()).decode("ascii")
    form = {"grant_type": "password", "scope": "read write", "username": api_key}
    form["password"] = api_key
    return _form_request(endpoints.legacy_token_url, form, {"Authorization": f"Basic {basic}"})


def _oauth_error(response: httpx.Response) -> tuple[str, str | None]:
    try:
        body: Any = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    error = str(body.get("error") or f"http_{response.status_code}")
    description = body.get("error_description")
    return error, None if description is None else str(description)


def read_token_response(response: httpx.Response, now: float, *, refreshing: bool) -> TokenSet:
    """The new tokens; `invalid_grant` on a refresh means the grant is gone for good."""
    if response.status_code == 200:
        data = response.json()
        if not isinstance(data, dict) or "access_token" not in data:
            raise TokenRequestError("invalid_response", "no access_token in the answer", 200)
        return TokenSet.from_token_response(data, now)
    error, description = _oauth_error(response)
    if refreshing and error == "invalid_grant":
        raise AuthorizationRevoked(description or "the refresh token was refused")
    raise TokenRequestError(error, description, response.status_code)
