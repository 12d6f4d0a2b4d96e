"""Contacts: create, read one, list with changesSince and deletedOnly (v1 and v2)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bilag.storage.models import Contact
from tests.api.conftest import Minter
from tests.factories import World

FULL = {
    "ExternalReference": "shop:77",
    "Name": "Jens Hansen",
    "Street": "Vestergade 1",
    "ZipCode": "8000",
    "City": "Aarhus C",
    "CountryKey": "DK",
    "Phone": "+45 12 34 56 78",
    "Email": "jens@example.dk",
    "Webpage": "example.dk",
    "AttPerson": None,
    "VatNumber": None,
    "EanNumber": None,
    "SENumber": None,
    "PNumber": None,
    "PaymentConditionType": "Netto",
    "PaymentConditionNumberOfDays": 14,
    "IsPerson": True,
    "IsMember": False,
    "MemberNumber": None,
    "UseCvr": False,
    "CompanyTypeKey": None,
    "InvoiceMailOutOptionKey": None,
    "PreferredInvoiceLanguageKey": "da",
    "PreferredInvoiceCurrencyKey": "DKK",
}
AUDIT_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}")


def _count(app: Any) -> int:
    with app.state.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def test_create_then_read_back(api: TestClient, world: World, alice: dict[str, str]) -> None:
    created = api.post(f"/v1/{world.pro_org}/contacts", json=FULL, headers=alice)
    assert created.status_code == 200
    guid = created.json()["ContactGuid"]
    assert created.json() == {"ContactGuid": str(uuid.UUID(guid))}
    contact = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    assert {key: contact[key] for key in FULL} == FULL
    assert contact["ContactGuid"] == guid
    assert AUDIT_TIME.fullmatch(contact["CreatedAt"])
    assert contact["UpdatedAt"] == contact["CreatedAt"]
    assert contact["DeletedAt"] is None
    assert (contact["IsDebitor"], contact["IsCreditor"], contact["VatRegionKey"]) == (
        True,
        False,
        "DK",
    )
    assert set(contact) == set(FULL) | {
        "ContactGuid",
        "CreatedAt",
        "UpdatedAt",
        "DeletedAt",
        "IsDebitor",
        "IsCreditor",
        "CompanyStatus",
        "VatRegionKey",
    }


def test_defaults_for_the_minimal_contact(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    minimal = {"Name": "Firma", "CountryKey": "de", "IsPerson": False, "IsMember": False}
    guid = api.post(
        f"/v1/{world.pro_org}/contacts", json={**minimal, "UseCvr": False}, headers=alice
    ).json()["ContactGuid"]
    contact = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    assert contact["CountryKey"] == "DE"
    assert contact["VatRegionKey"] == "EU"
    assert (contact["PaymentConditionType"], contact["PaymentConditionNumberOfDays"]) == (
        "Netto",
        8,
    )


def test_a_client_chosen_guid_is_kept_and_cannot_be_taken_twice(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = "5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11"
    body = {**FULL, "ContactGuid": guid.upper()}
    first = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice)
    assert first.json() == {"ContactGuid": guid}
    again = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice)
    assert again.status_code == 400
    assert again.json()["code"] == 42
    assert "ContactGuid" in again.json()["validationErrors"]
    assert _count(app) == 1


def test_another_organizations_contact_is_not_found(
    api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    bob = minter.headers(email=world.bob_email)
    guid = api.post(f"/v1/{world.other_org}/contacts", json=FULL, headers=bob).json()["ContactGuid"]
    assert api.get(f"/v1/{world.other_org}/contacts/{guid}", headers=bob).status_code == 200
    response = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice)
    assert response.status_code == 404
    assert response.json()["code"] == 40
    unknown = api.get(f"/v1/{world.pro_org}/contacts/{uuid.uuid4()}", headers=alice)
    assert unknown.status_code == 404
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=alice).json()["Collection"] == []


def test_a_guid_that_is_not_a_guid_is_400(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    response = api.get(f"/v1/{world.pro_org}/contacts/not-a-guid", headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == 44
    assert "guid" in response.json()["validationErrors"]


@pytest.fixture
def history(app: Any, api: TestClient, world: World, alice: dict[str, str]) -> dict[str, str]:
    """Three contacts updated in 2020, 2022 and 2024; the 2022 one deleted in 2023."""
    guids: dict[str, str] = {}
    for name, updated, deleted in [
        ("old", datetime(2020, 1, 1, 12), None),
        ("gone", datetime(2022, 1, 1, 12), datetime(2023, 6, 1, 8)),
        ("new", datetime(2024, 1, 1, 12), None),
    ]:
        body = {**FULL, "Name": name}
        guid = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice).json()[
            "ContactGuid"
        ]
        with app.state.services.database.write() as session:
            session.execute(
                update(Contact)
                .where(Contact.guid == guid)
                .values(created_at=updated, updated_at=updated, deleted_at=deleted)
            )
        guids[name] = guid
    return guids


def _listed(api: TestClient, path: str, headers: dict[str, str], **params: str) -> list[str]:
    response = api.get(path, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [row["name"] for row in response.json()["Collection"]]


@pytest.mark.parametrize(
    ("version", "params", "expected"),
    [
        ("v1", {}, ["old", "new"]),
        ("v1", {"deletedOnly": "false"}, ["old", "new"]),
        ("v1", {"deletedOnly": "TRUE"}, ["gone"]),
        ("v2", {}, ["old", "gone", "new"]),
        ("v2", {"deletedOnly": "True"}, ["gone"]),
        ("v2", {"deletedOnly": "False"}, ["old", "new"]),
        ("v1", {"changesSince": "2021-01-01T00:00:00Z"}, ["new"]),
        ("v2", {"changesSince": "2023-01-01T00:00:00Z"}, ["gone", "new"]),
        ("v2", {"changesSince": "2023-06-01T08:00:00Z"}, ["gone", "new"]),
        ("v2", {"changesSince": "2023-06-01T08:00:01Z"}, ["new"]),
        ("v2", {"changesSince": "2024-01-01T12:00:00.000Z"}, ["new"]),
        ("v2", {"changesSince": "2030-01-01T00:00:00Z"}, []),
    ],
)
def test_deleted_only_and_changes_since(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    history: dict[str, str],
    version: str,
    params: dict[str, str],
    expected: list[str],
) -> None:
    assert _listed(api, f"/{version}/{world.pro_org}/contacts", alice, **params) == expected


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("changesSince", "2021-01-01", 44),
        ("changesSince", "2021-01-01T00:00:00", 44),
        ("changesSince", "2021-13-01T00:00:00Z", 44),
        ("changesSince", "2021-01-01T00:00:00+01:00", 44),
        ("changesSince", "yesterday", 44),
        ("deletedOnly", "yes", 44),
        ("deletedOnly", "1", 44),
    ],
)
def test_bad_list_parameters_are_400(
    api: TestClient, world: World, alice: dict[str, str], name: str, value: str, code: int
) -> None:
    response = api.get(f"/v2/{world.pro_org}/contacts", params={name: value}, headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert name in response.json()["message"]


@pytest.mark.parametrize("country", ["XX", "D", "DNK", "Danmark"])
def test_a_country_that_is_not_iso_3166_is_refused(
    app: Any, api: TestClient, world: World, alice: dict[str, str], country: str
) -> None:
    body = {**FULL, "CountryKey": country}
    response = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == 42
    assert "CountryKey" in response.json()["validationErrors"]
    assert _count(app) == 0
