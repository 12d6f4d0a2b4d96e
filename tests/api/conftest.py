"""Fixtures for the API's front door: a seeded world and access tokens minted straight from
`identity.tokens.issue_access_token` over a grant row (what the token endpoint would issue)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select, update
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.context import Services
from bilag.identity.keys import KeyStore
from bilag.identity.tokens import issue_access_token
from bilag.storage.db import Database
from bilag.storage.models import Application, Grant, User, utcnow
from tests.factories import World, make_world

READ = ["dineropublicapi:read"]
READ_WRITE = ["dineropublicapi:read", "dineropublicapi:write"]


@dataclass
class Minter:
    """Makes grants and signs access tokens for them, as the token endpoint would."""

    database: Database
    keys: KeyStore
    settings: Settings
    world: World

    def application_id(self, client_id: str | None = None) -> int:
        with self.database.read() as session:
            wanted = client_id or self.world.client_id
            return int(
                session.scalars(select(Application.id).where(Application.client_id == wanted)).one()
            )

    def grant(
        self,
        *,
        email: str | None = None,
        organization_id: int | None = None,
        scopes: list[str] | None = None,
        client_id: str | None = None,
    ) -> str:
        grant_id = str(uuid.uuid4())
        with self.database.write() as session:
            user_id = None
            if email is not None:
                user_id = session.scalars(select(User.id).where(User.email == email)).one()
            session.add(
                Grant(
                    id=grant_id,
                    application_id=self.application_id(client_id),
                    user_id=user_id,
                    organization_id=organization_id,
                    scopes=" ".join(scopes or READ_WRITE),
                )
            )
        return grant_id

    def token(
        self,
        *,
        email: str | None = None,
        organization_id: int | None = None,
        scopes: list[str] | None = None,
        client_id: str | None = None,
        issued_at: int | None = None,
    ) -> str:
        if email is None and organization_id is None:
            email = self.world.alice_email
        scopes = scopes or READ_WRITE
        grant_id = self.grant(
            email=email, organization_id=organization_id, scopes=scopes, client_id=client_id
        )
        token, _claims = issue_access_token(
            self.keys,
            self.settings,
            grant_id=grant_id,
            client_id=client_id or self.world.client_id,
            scopes=scopes,
            subject=None if email is None else email,
            organization_id=organization_id,
            now=issued_at,
        )
        return token

    def headers(self, **options: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(**options)}"}

    def revoke_grant(self, token: str) -> None:
        from bilag.identity.tokens import verify_access_token

        claims = verify_access_token(self.keys, self.settings, token)
        with self.database.write() as session:
            session.execute(
                update(Grant).where(Grant.id == claims.grant_id).values(revoked_at=utcnow())
            )

    def revoke_client(self, client_id: str | None = None) -> None:
        with self.database.write() as session:
            session.execute(
                update(Application)
                .where(Application.client_id == (client_id or self.world.client_id))
                .values(revoked_at=utcnow(), revoke_reason="abuse")
            )


@pytest.fixture
def services(app: Any) -> Services:
    found: Services = app.state.services
    return found


@pytest.fixture
def world(services: Services) -> World:
    return make_world(services.database, pepper=services.settings.secret_pepper)


@pytest.fixture
def minter(services: Services, world: World) -> Minter:
    return Minter(services.database, services.keys, services.settings, world)


@pytest.fixture
def alice(minter: Minter) -> dict[str, str]:
    """Headers with a read-write token of Alice's (member of world.pro_org and world.free_org)."""
    return minter.headers()


@pytest.fixture
def api(client: TestClient) -> Iterator[TestClient]:
    yield client


def an_hour_ago() -> int:
    return int(time.time()) - 2 * 3600
