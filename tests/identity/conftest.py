"""Fixtures for the identity provider's back channel: the app's services, a seeded world, codes
issued straight from `codes.issue_authorization_code` (the consent page's call), and PyJWT
checks against the served JWKS."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.applications import create_application, get_application
from bilag.identity.codes import issue_authorization_code
from bilag.identity.context import Services
from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from bilag.storage.models import utcnow
from tests.factories import REDIRECT_URI, World, make_world

DINERO = ["dineropublicapi:read", "dineropublicapi:write"]
FULL_SCOPES = [*DINERO, "offline_access", "openid"]


@dataclass
class Pkce:
    verifier: str
    challenge: str


def new_pkce() -> Pkce:
    verifier = secrets.token_urlsafe(48)
    hashed = hashlib.sha256(verifier.encode("ascii")).digest()
    return Pkce(verifier, base64.urlsafe_b64encode(hashed).rstrip(b"=").decode("ascii"))


def basic(client_id: str, secret: str) -> dict[str, str]:
    raw = f"{client_id}:{secret}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


@pytest.fixture
def services(app: Any) -> Services:
    found: Services = app.state.services
    return found


@pytest.fixture
def world(services: Services) -> World:
    return make_world(services.database, pepper=services.settings.secret_pepper)


def issue_code(
    database: Database,
    settings: Settings,
    world: World,
    *,
    scopes: list[str] | None = None,
    pkce: Pkce | None = None,
    nonce: str | None = None,
    client_id: str | None = None,
    redirect_uri: str = REDIRECT_URI,
    email: str | None = None,
) -> str:
    with database.write() as session:
        application = get_application(session, client_id or world.client_id)
        user = get_user_by_email(session, email or world.alice_email)
        assert application is not None and user is not None
        return issue_authorization_code(
            session,
            settings=settings,
            application=application,
            user_id=user.id,
            redirect_uri=redirect_uri,
            scopes=scopes if scopes is not None else FULL_SCOPES,
            nonce=nonce,
            code_challenge=pkce.challenge if pkce else None,
            code_challenge_method="S256" if pkce else None,
            session_id="session-1",
            auth_time=utcnow(),
        )


def add_application(services: Services, name: str, **options: Any) -> tuple[str, str]:
    """Another application; returns (client_id, secret)."""
    with services.database.write() as session:
        application, secret = create_application(
            session,
            name=name,
            pepper=services.settings.secret_pepper,
            redirect_uris=[REDIRECT_URI],
            **options,
        )
        return application.client_id, secret or ""


def post_code(
    client: TestClient | httpx.Client, world: World, code: str, **extra: str
) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": world.client_id,
        "client_secret": world.client_secret,
        **extra,
    }
    return client.post("/connect/token", data=form)


def post_refresh(
    client: TestClient | httpx.Client, world: World, refresh_token: str, **extra: str
) -> httpx.Response:
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": world.client_id,
        "client_secret": world.client_secret,
        **extra,
    }
    return client.post("/connect/token", data=form)


def tokens_for(client: TestClient, services: Services, world: World, **options: Any) -> dict:
    """A full token response for Alice, through the real token endpoint."""
    code = issue_code(services.database, services.settings, world, **options)
    response = post_code(client, world, code)
    assert response.status_code == 200, response.text
    body: dict = response.json()
    return body


def decode_with_jwks(
    client: TestClient | httpx.Client, token: str, *, audience: str, typ: str
) -> dict[str, Any]:
    """Verify a token as an outside resource server would: PyJWT against the served JWKS."""
    jwks = jwt.PyJWKSet.from_dict(client.get("/.well-known/openid-configuration/jwks").json())
    header = jwt.get_unverified_header(token)
    assert header["typ"] == typ and header["alg"] == "RS256"
    key = next(k for k in jwks.keys if k.key_id == header["kid"])
    issuer = client.get("/.well-known/openid-configuration").json()["issuer"]
    claims: dict[str, Any] = jwt.decode(
        token, key.key, algorithms=["RS256"], audience=audience, issuer=issuer
    )
    return claims


@pytest.fixture
def live_http(live_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server, timeout=30) as http:
        yield http
