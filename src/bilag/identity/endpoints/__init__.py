"""The identity provider's protocol endpoints (token, revocation, introspection, userinfo,
discovery, JWKS, legacy token) and the sandbox controls: a thin Starlette/FastAPI adapter over
the identity services."""

from __future__ import annotations

from fastapi import FastAPI

from bilag.identity.endpoints import (
    discovery,
    introspection,
    legacy,
    revocation,
    sandbox,
    token,
    userinfo,
)


def install(app: FastAPI) -> None:
    """Add the protocol routes to the app."""
    for module in (discovery, token, legacy, revocation, introspection, userinfo, sandbox):
        app.router.routes.extend(module.router.routes)
