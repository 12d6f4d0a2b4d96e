"""Client authentication at the token, revocation and introspection endpoints.

Two methods, as Visma Connect accepts them (oauth.md §1.2): `client_secret_basic`, where the id
and secret are form-urlencoded before Base64 (RFC 6749 §2.3.1), and `client_secret_post`, where
they are form fields. A request may use only one method. Every client here is confidential, so a
secret is always required.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote_plus

from sqlalchemy.orm import Session

from bilag.identity.applications import authenticate_client
from bilag.identity.errors import InvalidClient, InvalidRequest
from bilag.storage.models import Application

BASIC_CHALLENGE = 'Basic realm="bilag", charset="UTF-8"'


@dataclass(frozen=True)
class ClientCredentials:
    client_id: str
    secret: str
    method: str  # client_secret_basic | client_secret_post

    @property
    def used_basic(self) -> bool:
        return self.method == "client_secret_basic"


def client_credentials_from(
    authorization: str | None, form: Mapping[str, str]
) -> ClientCredentials:
    """The credentials a request presents; raises if none, both methods, or malformed."""
    basic = _basic_credentials(authorization)
    if basic is not None:
        if "client_secret" in form:
            raise InvalidRequest("use one client authentication method: Basic or form, not both")
        if form.get("client_id", basic.client_id) != basic.client_id:
            raise InvalidRequest("client_id in the form differs from the one in the Basic header")
        return basic
    client_id = form.get("client_id")
    secret = form.get("client_secret")
    if client_id is None:
        raise InvalidClient(
            "client authentication is required: send client_id and client_secret",
            headers={"WWW-Authenticate": BASIC_CHALLENGE},
        )
    if secret is None:
        raise InvalidClient("client_secret is required: every client here is confidential")
    return ClientCredentials(client_id, secret, "client_secret_post")


def require_client(session: Session, credentials: ClientCredentials, *, pepper: str) -> Application:
    """The authenticated, unrevoked application; `invalid_client` otherwise."""
    headers = {"WWW-Authenticate": BASIC_CHALLENGE} if credentials.used_basic else None
    application = authenticate_client(
        session, credentials.client_id, credentials.secret, pepper=pepper
    )
    if application is None:
        raise InvalidClient("unknown client or wrong client secret", headers=headers)
    if application.revoked_at is not None:
        reason = application.revoke_reason or "no reason given"
        raise InvalidClient(f"the client has been revoked: {reason}", headers=headers)
    return application


def _basic_credentials(authorization: str | None) -> ClientCredentials | None:
    if not authorization:
        return None
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    challenge = {"WWW-Authenticate": BASIC_CHALLENGE}
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise InvalidClient(
            "the Basic authorization header is not valid Base64 of UTF-8", headers=challenge
        ) from None
    raw_id, colon, raw_secret = decoded.partition(":")
    if not colon or not raw_id:
        raise InvalidClient(
            "the Basic authorization header must hold client_id:client_secret", headers=challenge
        )
    client_id, secret = unquote_plus(raw_id), unquote_plus(raw_secret)
    if not secret:
        raise InvalidClient(
            "client_secret is required: every client here is confidential", headers=challenge
        )
    return ClientCredentials(client_id, secret, "client_secret_basic")
