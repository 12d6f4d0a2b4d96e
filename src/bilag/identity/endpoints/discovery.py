"""OpenID Provider metadata and JWKS at Visma Connect's paths (IdentityServer defaults)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from starlette.responses import JSONResponse, Response

from bilag.identity.applications import KNOWN_SCOPES
from bilag.identity.context import Services, get_services

router = APIRouter(include_in_schema=False)

JWKS_PATH = "/.well-known/openid-configuration/jwks"
CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
CLAIMS = [
    "sub", "name", "given_name", "family_name", "email", "email_verified", "iss", "aud", "exp",
    "iat", "nbf", "auth_time", "nonce", "at_hash", "sid", "idp", "amr",
]  # fmt: skip


def openid_configuration(issuer: str) -> dict[str, Any]:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/connect/authorize",
        "token_endpoint": f"{issuer}/connect/token",
        "userinfo_endpoint": f"{issuer}/connect/userinfo",
        "end_session_endpoint": f"{issuer}/connect/endsession",
        "revocation_endpoint": f"{issuer}/connect/revocation",
        "introspection_endpoint": f"{issuer}/connect/introspect",
        "jwks_uri": f"{issuer}{JWKS_PATH}",
        "scopes_supported": sorted(KNOWN_SCOPES),
        "claims_supported": CLAIMS,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "form_post"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "revocation_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "introspection_endpoint_auth_methods_supported": CLIENT_AUTH_METHODS,
        "authorization_response_iss_parameter_supported": True,
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
        "claims_parameter_supported": False,
    }


@router.get("/.well-known/openid-configuration")
def discovery(services: Services = Depends(get_services)) -> Response:
    return JSONResponse(openid_configuration(services.settings.issuer))


@router.get(JWKS_PATH)
def jwks(services: Services = Depends(get_services)) -> Response:
    return JSONResponse(services.keys.jwks())
