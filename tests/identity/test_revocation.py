"""POST /connect/revocation (RFC 7009; oauth.md §5 row 13)."""

from __future__ import annotations

from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.identity.context import Services
from bilag.storage.models import Grant, IdentityEvent
from tests.factories import World
from tests.identity.conftest import add_application, basic, post_refresh, tokens_for

PATH = "/connect/revocation"


def _userinfo(client: TestClient, token: str) -> int:
    return client.get("/connect/userinfo", headers={"Authorization": f"Bearer {token}"}).status_code


def test_revoking_a_refresh_token_revokes_the_whole_grant(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    response = client.post(
        PATH,
        data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        headers=basic(world.client_id, world.client_secret),
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert _userinfo(client, tokens["access_token"]) == 401
    assert post_refresh(client, world, tokens["refresh_token"]).json()["error"] == "invalid_grant"
    with services.database.read() as session:
        assert session.scalars(select(Grant.revoked_at)).one() is not None
        assert "refresh_token_revoked" in session.scalars(select(IdentityEvent.kind)).all()


def test_client_secret_post_also_authenticates(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    form = {"token": tokens["refresh_token"], "client_id": world.client_id,
            "client_secret": world.client_secret}  # fmt: skip
    assert client.post(PATH, data=form).status_code == 200
    assert _userinfo(client, tokens["access_token"]) == 401


def test_access_tokens_are_accepted_and_nothing_happens(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    response = client.post(
        PATH,
        data={"token": tokens["access_token"], "token_type_hint": "access_token"},
        headers=basic(world.client_id, world.client_secret),
    )
    assert response.status_code == 200
    assert _userinfo(client, tokens["access_token"]) == 200


def test_unknown_tokens_get_200(client: TestClient, world: World) -> None:
    response = client.post(
        PATH, data={"token": "f" * 64}, headers=basic(world.client_id, world.client_secret)
    )
    assert response.status_code == 200


def test_another_clients_token_gets_200_and_stays_alive(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    other_id, other_secret = add_application(services, "Meddler")
    response = client.post(
        PATH, data={"token": tokens["refresh_token"]}, headers=basic(other_id, other_secret)
    )
    assert response.status_code == 200
    assert _userinfo(client, tokens["access_token"]) == 200
    assert post_refresh(client, world, tokens["refresh_token"]).status_code == 200


def test_client_must_authenticate_and_send_a_token(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    anonymous = client.post(PATH, data={"token": tokens["refresh_token"]})
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "invalid_client"
    wrong = client.post(
        PATH, data={"token": tokens["refresh_token"]}, headers=basic(world.client_id, "nope")
    )
    assert wrong.status_code == 401
    missing = client.post(PATH, data={}, headers=basic(world.client_id, world.client_secret))
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    assert _userinfo(client, tokens["access_token"]) == 200
