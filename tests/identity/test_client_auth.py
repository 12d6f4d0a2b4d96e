"""Client authentication: client_secret_basic (RFC 6749 §2.3.1) and client_secret_post
(oauth.md §5 rows 7, 8 and 9)."""

from __future__ import annotations

import base64
from urllib.parse import quote_plus

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.identity.applications import get_application, regenerate_secret
from bilag.identity.client_auth import client_credentials_from
from bilag.identity.context import Services
from bilag.identity.errors import InvalidClient, InvalidRequest
from bilag.identity.hashing import peppered_digest
from bilag.storage.models import ClientSecret
from tests.factories import World
from tests.identity.conftest import add_application, basic

PATH = "/connect/introspect"  # any back-channel endpoint; a valid client gets 200 here


def _raw_basic(user: str, password: str) -> dict[str, str]:
    raw = f"{user}:{password}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


def test_basic_decodes_form_urlencoded_credentials(
    client: TestClient, services: Services, world: World
) -> None:
    secret = "s3cr:t+%/æ ø&=" + "x" * 20
    client_id, _ = add_application(services, "Special", secret=secret)
    headers = _raw_basic(quote_plus(client_id), quote_plus(secret))
    assert client.post(PATH, data={"token": "x"}, headers=headers).status_code == 200
    not_encoded = _raw_basic(client_id, secret)
    assert client.post(PATH, data={"token": "x"}, headers=not_encoded).status_code == 401


def test_post_credentials_work(client: TestClient, world: World) -> None:
    form = {"token": "x", "client_id": world.client_id, "client_secret": world.client_secret}
    assert client.post(PATH, data=form).status_code == 200


def test_using_both_methods_is_invalid_request(client: TestClient, world: World) -> None:
    form = {"token": "x", "client_id": world.client_id, "client_secret": world.client_secret}
    response = client.post(PATH, data=form, headers=basic(world.client_id, world.client_secret))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    same_id = {"token": "x", "client_id": world.client_id}
    ok = client.post(PATH, data=same_id, headers=basic(world.client_id, world.client_secret))
    assert ok.status_code == 200
    other_id = {"token": "x", "client_id": "isv_someone_else"}
    clash = client.post(PATH, data=other_id, headers=basic(world.client_id, world.client_secret))
    assert clash.json()["error"] == "invalid_request"


@pytest.mark.parametrize(
    "header",
    ["Basic !!!notbase64", "Basic " + base64.b64encode(b"no-colon").decode(), "Basic ",
     "Basic " + base64.b64encode(b"\xff\xfe:x").decode(),
     "Basic " + base64.b64encode(b"isv_x:").decode()],
)  # fmt: skip
def test_malformed_basic_is_invalid_client_with_a_challenge(
    client: TestClient, header: str
) -> None:
    response = client.post(PATH, data={"token": "x"}, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic")


def test_wrong_secret_via_basic_has_a_challenge_via_post_not(
    client: TestClient, world: World
) -> None:
    basic_wrong = client.post(PATH, data={"token": "x"}, headers=basic(world.client_id, "wrong"))
    assert basic_wrong.status_code == 401
    assert basic_wrong.headers["www-authenticate"].startswith("Basic")
    form = {"token": "x", "client_id": world.client_id, "client_secret": "wrong"}
    post_wrong = client.post(PATH, data=form)
    assert post_wrong.status_code == 401
    assert "www-authenticate" not in post_wrong.headers
    unknown = client.post(PATH, data={**form, "client_id": "isv_nobody"})
    assert unknown.status_code == 401
    assert unknown.json()["error_description"] == post_wrong.json()["error_description"]


def test_secret_is_required(client: TestClient, world: World) -> None:
    response = client.post(PATH, data={"token": "x", "client_id": world.client_id})
    assert response.status_code == 401
    assert "client_secret" in response.json()["error_description"]


def test_secrets_are_stored_hashed_and_regeneration_kills_the_old_one(
    client: TestClient, services: Services, world: World
) -> None:
    pepper = services.settings.secret_pepper
    with services.database.write() as session:
        stored = session.scalars(select(ClientSecret.secret_hash)).all()
        assert world.client_secret not in stored
        assert peppered_digest(world.client_secret, pepper) in stored
        application = get_application(session, world.client_id)
        assert application is not None
        fresh = regenerate_secret(session, application, pepper=pepper)
    assert len(base64.urlsafe_b64decode(world.client_secret + "==")) >= 32  # >= 256 bits
    old = client.post(
        PATH, data={"token": "x"}, headers=basic(world.client_id, world.client_secret)
    )
    assert old.status_code == 401
    new = client.post(PATH, data={"token": "x"}, headers=basic(world.client_id, fresh))
    assert new.status_code == 200


def test_credentials_parser_directly() -> None:
    creds = client_credentials_from(None, {"client_id": "isv_a", "client_secret": "s"})
    assert (creds.client_id, creds.secret, creds.method) == ("isv_a", "s", "client_secret_post")
    header = basic("isv_a", "p w")["Authorization"]
    creds = client_credentials_from(header, {})
    assert creds.method == "client_secret_basic" and creds.secret == "p w"
    assert client_credentials_from("Bearer abc", {"client_id": "isv_a", "client_secret": "s"})
    with pytest.raises(InvalidRequest):
        client_credentials_from(header, {"client_secret": "s"})
    with pytest.raises(InvalidClient):
        client_credentials_from(None, {})
