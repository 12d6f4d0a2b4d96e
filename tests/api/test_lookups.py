"""`GET /v1/countries` and `GET /v1/{organizationId}/sales/settings`."""

from __future__ import annotations

import httpx
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.storage.db import Database
from tests.api.conftest import READ, Minter
from tests.api.test_contacts import FULL
from tests.factories import World, make_world


def test_countries_lists_every_iso_country_in_danish_and_english(
    api: TestClient, minter: Minter
) -> None:
    response = api.get("/v1/countries", headers=minter.headers(scopes=READ))
    assert response.status_code == 200
    countries = response.json()
    by_key = {country["Key"]: country for country in countries}
    assert len(by_key) == len(countries) >= 249
    assert by_key["DK"] == {"Key": "DK", "DanishName": "Danmark", "EnglishName": "Denmark"}
    assert by_key["DE"]["DanishName"] == "Tyskland"
    assert by_key["SE"]["EnglishName"] == "Sweden"
    assert all(len(key) == 2 and key.isupper() for key in by_key)
    assert all(country["DanishName"] and country["EnglishName"] for country in countries)


def test_countries_needs_a_valid_token_but_no_organization(
    api: TestClient, world: World, minter: Minter
) -> None:
    refused = api.get("/v1/countries")
    assert refused.status_code == 401
    assert refused.json()["code"] == 41
    garbage = api.get("/v1/countries", headers={"Authorization": "Bearer not.a.token"})
    assert garbage.status_code == 401
    legacy = minter.headers(organization_id=world.free_org)
    assert api.get("/v1/countries", headers=legacy).status_code == 200


def test_sales_settings_are_the_organizations_defaults(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    response = api.get(f"/v1/{world.pro_org}/sales/settings", headers=alice)
    assert response.status_code == 200
    assert response.json() == {
        "LinesInclVat": False,
        "FikCode": None,
        "UseFikCode": False,
        "DefaultAccountNumber": 1000,
        "InvoiceTemplateId": None,
        "AddVoucherAsPdfAttachment": True,
        "ReminderFee": 100.0,
        "ReminderInterestRate": 0.0,
        "TrustPilotEmail": None,
        "PaymentConditionNumberOfDays": 8,
        "PaymentConditionType": "Netto",
    }


def test_sales_settings_follow_the_organization_rules(
    api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    assert api.get(f"/v1/{world.pro_org}/sales/settings").status_code == 401
    assert api.get(f"/v1/{world.other_org}/sales/settings", headers=alice).status_code == 401
    assert api.get("/v1/abc/sales/settings", headers=alice).status_code == 401
    no_pro = api.get(f"/v1/{world.free_org}/sales/settings", headers=alice)
    assert (no_pro.status_code, no_pro.json()["code"]) == (403, 90)
    reader = minter.headers(scopes=READ)
    assert api.get(f"/v1/{world.pro_org}/sales/settings", headers=reader).status_code == 200


def test_a_contact_round_trip_over_real_http(live_server: str, database_url: str) -> None:
    """Create, list, replace with the read model, note, delete and restore through uvicorn."""
    settings = Settings.from_env(env={}, database_url=database_url, base_url=live_server)
    database = Database(database_url)
    keys = KeyStore(database, rotation_days=90, token_lifetime=3600)
    world = make_world(database, pepper=settings.secret_pepper)
    alice = Minter(database, keys, settings, world).headers()
    base = f"/v1/{world.pro_org}/contacts"
    with httpx.Client(base_url=live_server, headers=alice, timeout=30) as client:
        guid = client.post(base, json=FULL).json()["ContactGuid"]
        contact = client.get(f"{base}/{guid}").json()
        put = client.put(f"/v2/{world.pro_org}/contacts/{guid}", json={**contact, "City": "Vejle"})
        assert put.status_code == 200
        assert client.get(f"{base}/{guid}").json()["City"] == "Vejle"
        note = client.post(f"{base}/{guid}/notes", json={"Text": "hej"}).json()["ContactGuid"]
        listed = client.get(f"{base}/{guid}/notes").json()["Collection"]
        assert [row["Id"] for row in listed] == [note]
        deleted = client.request("DELETE", f"{base}/{guid}", json={"ignored": True})
        assert deleted.status_code == 200
        assert client.get(base).json()["Pagination"]["ResultWithoutFilter"] == 0
        assert client.post(f"{base}/{guid}/restore").status_code == 200
        assert client.get(base, params={"fields": "ContactGuid"}).json()["Collection"] == [
            {"ContactGuid": guid}
        ]
        countries = client.get("/v1/countries").json()
        assert {"Key": "DK", "DanishName": "Danmark", "EnglishName": "Denmark"} in countries
    database.dispose()
