"""The identity provider's protocol endpoints (token, revocation, introspection, userinfo,
discovery, JWKS, legacy token): a thin Starlette/FastAPI adapter over the identity services."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the protocol routes to the app."""
