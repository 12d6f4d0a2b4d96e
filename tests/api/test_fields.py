"""`fields`: the caller's spelling comes back; unknown names are a 400 that names them."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bilag.api.errors import DineroError
from bilag.api.fields import project, select_fields
from tests.factories import World

ALLOWED = ("Name", "ContactGuid", "IsPerson")


def test_selection_echoes_the_spelling() -> None:
    selection = select_fields("name, ContactGUID,,isperson", default="x", allowed=ALLOWED)
    assert selection == (("name", "Name"), ("ContactGUID", "ContactGuid"), ("isperson", "IsPerson"))
    values = {"Name": "A", "ContactGuid": "g", "IsPerson": True}
    assert project(values, selection) == {"name": "A", "ContactGUID": "g", "isperson": True}


@pytest.mark.parametrize("raw", [None, "", " , ,"])
def test_nothing_asked_means_the_default(raw: str | None) -> None:
    assert select_fields(raw, default="name,contactGuid", allowed=ALLOWED) == (
        ("name", "Name"),
        ("contactGuid", "ContactGuid"),
    )


def test_unknown_names_are_listed_in_the_400() -> None:
    with pytest.raises(DineroError) as raised:
        select_fields("name,Nope,Secret", default="name", allowed=ALLOWED)
    assert (raised.value.code, raised.value.status) == (45, 400)
    assert "'Nope', 'Secret'" in raised.value.message
    assert "Allowed: Name, ContactGuid, IsPerson" in raised.value.message


def test_organization_fields(api: TestClient, world: World, alice: dict[str, str]) -> None:
    default = api.get("/v1/organizations", headers=alice).json()
    assert default[0] == {"id": world.pro_org, "name": "Alice ApS", "isPro": True}
    chosen = api.get(
        "/v1/organizations", params={"fields": "NAME,IsPayingPro,vatnumber,Id"}, headers=alice
    ).json()
    assert chosen[0] == {"NAME": "Alice ApS", "IsPayingPro": True, "vatnumber": None, "Id": 100001}
    refused = api.get("/v1/organizations", params={"fields": "name,Password"}, headers=alice)
    assert refused.status_code == 400
    assert "'Password'" in refused.json()["message"]


def test_contact_fields(api: TestClient, world: World, alice: dict[str, str]) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    body = {
        "Name": "Jens",
        "CountryKey": "DK",
        "IsPerson": True,
        "IsMember": False,
        "UseCvr": False,
    }
    guid = api.post(path, json=body, headers=alice).json()["ContactGuid"]
    default = api.get(path, headers=alice).json()["Collection"]
    assert default == [{"name": "Jens", "contactGuid": guid}]
    chosen = api.get(
        path, params={"fields": "name,ContactGuid,COUNTRYKEY,deletedAt"}, headers=alice
    ).json()["Collection"]
    assert chosen == [{"name": "Jens", "ContactGuid": guid, "COUNTRYKEY": "DK", "deletedAt": None}]
    refused = api.get(path, params={"fields": "Name,IsDebitor"}, headers=alice)
    assert refused.status_code == 400
    assert refused.json()["validationErrors"]["fields"].startswith("Unknown field(s) 'IsDebitor'")
