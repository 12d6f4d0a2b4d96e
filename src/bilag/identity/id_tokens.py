"""OpenID Connect id_tokens (OIDC Core §2): RS256, header `typ: JWT`, signed by the KeyStore.

The `typ` differs from access tokens' `at+jwt`, so neither can stand in for the other.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from joserfc import jwt

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.identity.sandbox import clock

ID_TOKEN_TYPE = "JWT"
ID_TOKEN_LIFETIME = 300


def at_hash(access_token: str) -> str:
    """The left half of SHA-256 of the access token, base64url without padding (§3.1.3.6)."""
    hashed = hashlib.sha256(access_token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(hashed[: len(hashed) // 2]).rstrip(b"=").decode("ascii")


def issue_id_token(
    keys: KeyStore,
    settings: Settings,
    *,
    client_id: str,
    subject: str,
    auth_time: int | None,
    session_id: str | None,
    nonce: str | None,
    access_token: str | None,
    extra_claims: dict[str, Any] | None = None,
    now: int | None = None,
) -> str:
    issued = clock.epoch_seconds() if now is None else now
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "sub": subject,
        "aud": client_id,
        "iat": issued,
        "nbf": issued,
        "exp": issued + ID_TOKEN_LIFETIME,
        "idp": "Visma Connect",
        "amr": ["pwd"],
    }
    if auth_time is not None:
        claims["auth_time"] = auth_time
    if session_id is not None:
        claims["sid"] = session_id
    if nonce is not None:
        claims["nonce"] = nonce
    if access_token is not None:
        claims["at_hash"] = at_hash(access_token)
    claims.update(extra_claims or {})
    key = keys.signing_key()
    header = {"alg": "RS256", "typ": ID_TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=["RS256"])


def identity_claims(*, subject: str, name: str, email: str, scopes: set[str]) -> dict[str, Any]:
    """The user's claims that the granted identity scopes release (OIDC Core §5.4).

    `email_verified` is false: bilag records e-mail addresses but never verifies them.
    """
    claims: dict[str, Any] = {"sub": subject}
    if "profile" in scopes:
        given, _, family = name.strip().rpartition(" ")
        claims["name"] = name
        claims["given_name"] = given or family
        if given:
            claims["family_name"] = family
    if "email" in scopes:
        claims["email"] = email
        claims["email_verified"] = False
    return claims
