"""JWT access tokens (RFC 9068, `typ: at+jwt`, RS256) and their verification.

Claims follow what Visma Connect issues for Dinero: `iss`, `aud` (the API), `client_id`, `scope`
as an array, `sub`, `idp`, `sid`, `auth_time`, `amr`, `acr`, `nbf`, `iat`, `exp`, `jti`; `acr` is
"1" (a password login, no second factor). Plus `gid`, the
grant id that revocation checks, and `org` on tokens from the legacy API-key grant.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jws import extract_compact
from joserfc.jwt import JWTClaimsRegistry

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.identity.sandbox import clock

ACCESS_TOKEN_TYPE = "at+jwt"
ALGORITHMS = ["RS256"]
LEEWAY_SECONDS = 60


class InvalidAccessToken(Exception):
    """The bearer token is malformed, badly signed, expired or meant for someone else."""


@dataclass(frozen=True)
class AccessClaims:
    grant_id: str
    client_id: str
    scopes: frozenset[str]
    subject: str | None
    organization_id: int | None
    expires_at: int
    raw: dict[str, Any]


def issue_access_token(
    keys: KeyStore,
    settings: Settings,
    *,
    grant_id: str,
    client_id: str,
    scopes: list[str],
    subject: str | None,
    session_id: str | None = None,
    auth_time: int | None = None,
    organization_id: int | None = None,
    now: int | None = None,
) -> tuple[str, dict[str, Any]]:
    issued = clock.epoch_seconds() if now is None else now
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "aud": settings.api_audience,
        "nbf": issued,
        "iat": issued,
        "exp": issued + settings.access_token_lifetime,
        "client_id": client_id,
        "scope": scopes,
        "jti": uuid.uuid4().hex,
        "gid": grant_id,
        "idp": "Visma Connect",
    }
    if subject is not None:
        claims["sub"] = subject
        claims["amr"] = ["pwd"]
        claims["acr"] = "1"
    if session_id is not None:
        claims["sid"] = session_id
    if auth_time is not None:
        claims["auth_time"] = auth_time
    if organization_id is not None:
        claims["org"] = organization_id
    key = keys.signing_key()
    header = {"alg": "RS256", "typ": ACCESS_TOKEN_TYPE, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=ALGORITHMS), claims


def verify_access_token(keys: KeyStore, settings: Settings, token: str) -> AccessClaims:
    """Check signature, algorithm, type, issuer, audience and lifetime; never the grant."""
    try:
        kid = _peek_kid(token)
        decoded = jwt.decode(token, keys.verifying_keys(kid), algorithms=ALGORITHMS)
        if str(decoded.header.get("typ", "")).lower() != ACCESS_TOKEN_TYPE:
            raise InvalidAccessToken("not an access token")
        registry = JWTClaimsRegistry(
            now=clock.epoch_seconds,
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": settings.api_audience},
            exp={"essential": True},
            gid={"essential": True},
            client_id={"essential": True},
        )
        registry.validate(decoded.claims)
    except InvalidAccessToken:
        raise
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise InvalidAccessToken(str(exc) or exc.__class__.__name__) from exc
    claims = decoded.claims
    scope = claims.get("scope", [])
    scopes = frozenset(scope.split() if isinstance(scope, str) else scope)
    org = claims.get("org")
    return AccessClaims(
        grant_id=str(claims["gid"]),
        client_id=str(claims["client_id"]),
        scopes=scopes,
        subject=claims.get("sub"),
        organization_id=int(org) if org is not None else None,
        expires_at=int(claims["exp"]),
        raw=claims,
    )


def _peek_kid(token: str) -> str | None:
    try:
        return extract_compact(token.encode("ascii")).headers().get("kid")
    except (JoseError, ValueError, UnicodeError) as exc:
        raise InvalidAccessToken("malformed token") from exc
