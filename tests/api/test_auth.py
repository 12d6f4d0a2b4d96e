"""401 and 403 exactly as the FAQ describes them, and the same 401 whatever the reason."""

from __future__ import annotations

import time

import pytest
import time_machine
from starlette.testclient import TestClient

from tests.api.conftest import READ, Minter, an_hour_ago
from tests.factories import World

DENIED_BODY = {
    "code": 41,
    "message": "Authorization has been denied for this request.",
    "validationErrors": None,
    "languageSpecificMessages": [{"property": "message", "message": "Ingen adgang"}],
}


def test_organizations_list_needs_a_token(api: TestClient) -> None:
    response = api.get("/v1/organizations")
    assert response.status_code == 401
    assert response.json() == DENIED_BODY
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-jwt", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "bearer"],
)
def test_a_bad_token_gets_the_dinero_401(api: TestClient, world: World, authorization: str) -> None:
    for path in ("/v1/organizations", f"/v1/{world.pro_org}/contacts"):
        response = api.get(path, headers={"Authorization": authorization})
        assert response.status_code == 401
        assert response.json() == DENIED_BODY


def test_an_expired_token_is_refused(api: TestClient, minter: Minter) -> None:
    headers = minter.headers(issued_at=an_hour_ago())
    response = api.get("/v1/organizations", headers=headers)
    assert response.status_code == 401
    assert response.json() == DENIED_BODY
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_a_remembered_token_still_expires(api: TestClient, minter: Minter) -> None:
    headers = minter.headers()
    with time_machine.travel(time.time(), tick=False) as clock:
        assert api.get("/v1/organizations", headers=headers).status_code == 200
        clock.shift(3600 + 61)
        response = api.get("/v1/organizations", headers=headers)
    assert response.status_code == 401
    assert response.json() == DENIED_BODY


def test_a_revoked_grant_stops_its_tokens_at_once(api: TestClient, minter: Minter) -> None:
    token = minter.token()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/v1/organizations", headers=headers).status_code == 200
    minter.revoke_grant(token)
    response = api.get("/v1/organizations", headers=headers)
    assert response.status_code == 401
    assert response.json() == DENIED_BODY


def test_a_revoked_client_stops_its_tokens_at_once(
    api: TestClient, minter: Minter, world: World
) -> None:
    headers = minter.headers()
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).status_code == 200
    minter.revoke_client()
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).status_code == 401


def test_an_organization_out_of_reach_and_one_that_does_not_exist_look_the_same(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    answers = [
        api.get(f"/v1/{organization}/contacts", headers=alice)
        for organization in (world.other_org, 999_999, 0, "abc", "12a", "99999999999", "-5")
    ]
    for response in answers:
        assert response.status_code == 401
        assert response.json() == DENIED_BODY
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.headers["content-type"] == answers[0].headers["content-type"]


def test_the_organization_list_shows_only_the_users_organizations(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    response = api.get("/v1/organizations", headers=alice)
    assert response.status_code == 200
    assert {row["id"] for row in response.json()} == {world.pro_org, world.free_org}


def test_without_pro_every_endpoint_but_the_organization_list_is_403(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    listing = api.get("/v1/organizations", headers=alice).json()
    assert {row["id"]: row["isPro"] for row in listing} == {
        world.pro_org: True,
        world.free_org: False,
    }
    assert api.get("/v1.1/organizations", headers=alice).status_code == 200
    contact = {
        "Name": "X",
        "CountryKey": "DK",
        "IsPerson": True,
        "IsMember": False,
        "UseCvr": False,
    }
    for method, path, body in [
        ("GET", f"/v1/{world.free_org}/contacts", None),
        ("GET", f"/v2/{world.free_org}/contacts", None),
        ("GET", f"/v1/{world.free_org}/contacts/5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11", None),
        ("POST", f"/v1/{world.free_org}/contacts", contact),
    ]:
        response = api.request(method, path, headers=alice, json=body)
        assert response.status_code == 403, path
        assert response.json()["code"] == 90


def test_a_read_only_token_reads_but_cannot_write(
    api: TestClient, world: World, minter: Minter
) -> None:
    headers = minter.headers(scopes=READ)
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).status_code == 200
    contact = {
        "Name": "X",
        "CountryKey": "DK",
        "IsPerson": True,
        "IsMember": False,
        "UseCvr": False,
    }
    response = api.post(f"/v1/{world.pro_org}/contacts", headers=headers, json=contact)
    assert response.status_code == 403
    assert response.json()["code"] == 41
    assert "dineropublicapi:write" in response.json()["message"]
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).json()["Collection"] == []


def test_a_token_without_an_api_scope_is_403(api: TestClient, minter: Minter) -> None:
    headers = minter.headers(scopes=["openid", "offline_access"])
    response = api.get("/v1/organizations", headers=headers)
    assert response.status_code == 403
    assert response.json()["code"] == 41


def test_a_legacy_token_reaches_only_its_own_organization(
    api: TestClient, world: World, minter: Minter
) -> None:
    headers = minter.headers(organization_id=world.other_org, scopes=["read", "write"])
    listing = api.get("/v1/organizations", headers=headers)
    assert listing.status_code == 200
    assert listing.json() == [{"id": world.other_org, "name": "Bob A/S", "isPro": True}]
    assert api.get(f"/v1/{world.other_org}/contacts", headers=headers).status_code == 200
    refused = api.get(f"/v1/{world.pro_org}/contacts", headers=headers)
    assert refused.status_code == 401
    assert refused.json() == DENIED_BODY
