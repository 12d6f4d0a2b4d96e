"""GET /v1/organizations and GET /v1.1/organizations."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from bilag.storage.models import Organization
from tests.api.conftest import Minter
from tests.factories import World


def test_v1_1_lists_the_richer_model_with_the_subscription(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    with app.state.services.database.write() as session:
        organization = session.get_one(Organization, world.pro_org)
        organization.vat_number = "DK12345678"
        organization.city = "Aarhus C"
    listing = api.get("/v1.1/organizations", headers=alice).json()
    assert [row["Id"] for row in listing] == [world.pro_org, world.free_org]
    assert listing[0] == {
        "Name": "Alice ApS",
        "Id": world.pro_org,
        "CompanyTypeKey": None,
        "IsVatFree": False,
        "Email": None,
        "Phone": None,
        "Street": None,
        "City": "Aarhus C",
        "ZipCode": None,
        "AttPerson": None,
        "IsTaxFreeUnion": False,
        "VatNumber": "DK12345678",
        "CountryKey": "DK",
        "Website": None,
        "RoleKey": "Owner",
        "Subscription": {
            "HasPro": True,
            "HasPayingPro": True,
            "HasStarterPlus": False,
            "HasTotal": False,
            "HasYfs": False,
        },
    }
    assert listing[1]["Subscription"]["HasPro"] is False


def test_bob_sees_only_his_organization(api: TestClient, world: World, minter: Minter) -> None:
    headers = minter.headers(email=world.bob_email)
    assert api.get("/v1/organizations", headers=headers).json() == [
        {"id": world.other_org, "name": "Bob A/S", "isPro": True}
    ]


def test_a_legacy_token_lists_its_organization_in_v1_1(
    api: TestClient, world: World, minter: Minter
) -> None:
    headers = minter.headers(organization_id=world.pro_org, scopes=["read", "write"])
    listing = api.get("/v1.1/organizations", headers=headers).json()
    assert [(row["Id"], row["RoleKey"]) for row in listing] == [(world.pro_org, None)]


def test_a_trailing_slash_is_the_same_path(api: TestClient, alice: dict[str, str]) -> None:
    assert (
        api.get("/v1/organizations/", headers=alice).json()
        == api.get("/v1/organizations", headers=alice).json()
    )


def test_fixed_path_segments_match_in_any_case(
    api: TestClient, alice: dict[str, str], world: World
) -> None:
    """ASP.NET routes case-insensitively; so does bilag. Guids keep their spelling."""
    assert (
        api.get("/V1/Organizations", headers=alice).json()
        == api.get("/v1/organizations", headers=alice).json()
    )
    vat_types = api.get(f"/v1/{world.pro_org}/VATTYPES", headers=alice)
    assert vat_types.status_code == 200 and vat_types.json()[0]["VatCode"]
    contacts = api.get(f"/v1/{world.pro_org}/Contacts?pageSize=1", headers=alice)
    assert contacts.status_code == 200 and "Collection" in contacts.json()
