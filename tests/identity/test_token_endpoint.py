"""POST /connect/token: the authorization code grant, the refusals, and malformed requests."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.identity.context import Services
from bilag.storage.models import Grant, IdentityEvent, RefreshToken
from tests.factories import World
from tests.identity.conftest import (
    DINERO,
    add_application,
    basic,
    decode_with_jwks,
    issue_code,
    post_code,
)


def test_code_exchange_returns_visma_shaped_response(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    response = post_code(client, world, code)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    body = response.json()
    assert set(body) == {
        "access_token", "expires_in", "token_type", "refresh_token", "scope", "id_token",
    }  # fmt: skip
    assert body["expires_in"] == 3600 and body["token_type"] == "Bearer"
    assert body["scope"].split() == [*DINERO, "offline_access", "openid"]
    assert len(body["refresh_token"]) == 64
    assert all(c in string.hexdigits for c in body["refresh_token"])


def test_access_token_verifies_independently_against_jwks(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    body = post_code(client, world, code).json()
    claims = decode_with_jwks(
        client, body["access_token"], audience="https://api.dinero.dk", typ="at+jwt"
    )
    assert claims["client_id"] == world.client_id
    assert claims["scope"] == [*DINERO, "offline_access", "openid"]
    assert claims["exp"] - claims["iat"] == 3600
    assert {"jti", "gid", "sub", "sid", "auth_time", "nbf"} <= set(claims)
    assert (claims["iss"], claims["idp"], claims["amr"], claims["acr"]) == (
        "http://testserver",
        "Visma Connect",
        ["pwd"],
        "1",
    )
    assert "org" not in claims


def test_without_offline_access_no_refresh_token_and_without_openid_no_id_token(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world, scopes=DINERO)
    body = post_code(client, world, code).json()
    assert "refresh_token" not in body and "id_token" not in body
    assert body["scope"] == " ".join(DINERO)
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(RefreshToken)) == 0


def test_read_only_grant_is_issued(client: TestClient, services: Services, world: World) -> None:
    code = issue_code(services.database, services.settings, world, scopes=["dineropublicapi:read"])
    body = post_code(client, world, code).json()
    assert body["scope"] == "dineropublicapi:read"


def test_basic_client_authentication_works_for_the_code_grant(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": world.redirect_uri}
    response = client.post(
        "/connect/token", data=form, headers=basic(world.client_id, world.client_secret)
    )
    assert response.status_code == 200, response.text


def test_grant_snapshots_the_clients_refresh_policy(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    post_code(client, world, code)
    with services.database.read() as session:
        grant = session.scalars(select(Grant)).one()
    assert grant.refresh_usage == "one_time"
    assert grant.refresh_grace_seconds == services.settings.refresh_grace_seconds
    assert grant.refresh_lifetime_seconds == 0


def test_client_credentials_is_refused_and_recorded(
    client: TestClient, services: Services, world: World
) -> None:
    client_id, secret = add_application(
        services, "Machine", app_type="service", scopes=DINERO, offline_access=False
    )
    form = {"grant_type": "client_credentials", "scope": "dineropublicapi:read"}
    response = client.post("/connect/token", data=form, headers=basic(client_id, secret))
    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"
    assert "web application" in response.json()["error_description"]
    with services.database.read() as session:
        event = session.scalars(
            select(IdentityEvent).where(IdentityEvent.kind.like("client_%"))
        ).one()
    assert event.kind == "client_credentials_refused"
    assert "dineropublicapi:read" in event.detail


def test_service_app_cannot_redeem_a_code(
    client: TestClient, services: Services, world: World
) -> None:
    client_id, secret = add_application(services, "Service", app_type="service", scopes=DINERO)
    code = issue_code(services.database, services.settings, world, client_id=client_id)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": world.redirect_uri}
    response = client.post("/connect/token", data=form, headers=basic(client_id, secret))
    assert response.json()["error"] == "unauthorized_client"
    with services.database.read() as session:
        kinds = session.scalars(select(IdentityEvent.kind)).all()
    assert "app_type_refused" in kinds


@pytest.mark.parametrize("grant_type", ["password", "implicit", "urn:x", "token"])
def test_other_grant_types_are_unsupported(
    client: TestClient, world: World, grant_type: str
) -> None:
    response = client.post(
        "/connect/token",
        data={"grant_type": grant_type},
        headers=basic(world.client_id, world.client_secret),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_missing_grant_type(client: TestClient, world: World) -> None:
    response = client.post(
        "/connect/token", data={}, headers=basic(world.client_id, world.client_secret)
    )
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "the parameter 'grant_type' is required",
    }


def test_revoked_client_gets_its_reason(
    client: TestClient, services: Services, world: World
) -> None:
    from bilag.identity.applications import get_application, revoke_client

    code = issue_code(services.database, services.settings, world)
    with services.database.write() as session:
        application = get_application(session, world.client_id)
        assert application is not None
        revoke_client(session, application, "too many 401s")
    response = post_code(client, world, code)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert "too many 401s" in response.json()["error_description"]


@pytest.mark.parametrize(
    ("body", "content_type", "needle"),
    [
        (b"grant_type=authorization_code&grant_type=refresh_token", None, "repeated"),
        (b"grant_type=authorization_code&&code=x", None, "malformed"),
        (b"grant_type=%ff%fe", None, "UTF-8"),
        (b"\xff\xfe", None, "UTF-8"),
        (b'{"grant_type": "authorization_code"}', "application/json", "x-www-form-urlencoded"),
        (b"grant_type=" + b"a" * 20_000, None, "at most"),
        (b"&".join(b"f%d=1" % i for i in range(60)), None, "too many"),
    ],
)
def test_malformed_bodies_are_invalid_request(
    client: TestClient, body: bytes, content_type: str | None, needle: str
) -> None:
    headers = {"Content-Type": content_type or "application/x-www-form-urlencoded"}
    response = client.post("/connect/token", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert needle in response.json()["error_description"]
    assert response.headers["cache-control"] == "no-store"


_form_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.lists(
        st.tuples(
            st.sampled_from(
                ["grant_type", "code", "redirect_uri", "code_verifier", "client_id",
                 "client_secret", "refresh_token", "scope"]
            ) | _form_text,
            st.sampled_from(["authorization_code", "refresh_token", "client_credentials"])
            | _form_text,
        ),
        max_size=8,
    ),
    raw=st.binary(max_size=200),
    use_raw=st.booleans(),
    use_basic=st.booleans(),
)  # fmt: skip
def test_arbitrary_form_bodies_get_an_oauth_error_not_a_500(
    client: TestClient,
    services: Services,
    world: World,
    fields: list[tuple[str, str]],
    raw: bytes,
    use_raw: bool,
    use_basic: bool,
) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if use_basic:
        headers.update(basic(world.client_id, world.client_secret))
    if use_raw:
        response = client.post("/connect/token", content=raw, headers=headers)
    else:
        response = client.post("/connect/token", data=dict(fields), headers=headers)
    assert 400 <= response.status_code < 500, response.text
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    assert response.headers["cache-control"] == "no-store"
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(Grant)) == 0
