"""Contacts: full replace (v1 and v2), soft delete and restore, and the rules for deleted ones."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from starlette.testclient import TestClient

from bilag.storage.models import Contact
from tests.api.conftest import READ, Minter
from tests.api.test_contacts import FULL
from tests.factories import World

LONG_AGO = datetime(2020, 1, 1, 12)


def _create(api: TestClient, org: int, headers: dict[str, str], **changes: Any) -> str:
    response = api.post(f"/v1/{org}/contacts", json={**FULL, **changes}, headers=headers)
    assert response.status_code == 200, response.text
    guid: str = response.json()["ContactGuid"]
    return guid


def _age(app: Any, guid: str) -> None:
    """Move the contact's times into the past, so that a change shows in UpdatedAt."""
    with app.state.services.database.write() as session:
        session.execute(
            update(Contact)
            .where(Contact.guid == guid)
            .values(created_at=LONG_AGO, updated_at=LONG_AGO)
        )


def _names(api: TestClient, headers: dict[str, str], path: str, **params: str) -> list[str]:
    response = api.get(path, params=params, headers=headers)
    return [row["name"] for row in response.json()["Collection"]]


def _row(app: Any, guid: str) -> dict[str, Any]:
    with app.state.services.database.read() as session:
        contact = session.scalars(select(Contact).where(Contact.guid == guid)).one()
        return {column.key: getattr(contact, column.key) for column in Contact.__table__.columns}


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_put_replaces_every_field_and_moves_updated_at(
    app: Any, api: TestClient, world: World, alice: dict[str, str], version: str
) -> None:
    guid = _create(api, world.pro_org, alice)
    _age(app, guid)
    replacement = {
        "Name": "Hansen ApS",
        "CountryKey": "se",
        "IsPerson": False,
        "IsMember": False,
        "UseCvr": True,
        "VatNumber": "SE123",
        "PaymentConditionType": "NettoCash",
    }
    response = api.put(
        f"/{version}/{world.pro_org}/contacts/{guid}", json=replacement, headers=alice
    )
    assert response.status_code == 200, response.text
    assert response.content == b""
    contact = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    assert contact["Name"] == "Hansen ApS"
    assert (contact["CountryKey"], contact["VatRegionKey"]) == ("SE", "EU")
    assert contact["Email"] is None  # a full replace: what is not sent is cleared
    assert contact["ExternalReference"] is None
    assert (contact["PaymentConditionType"], contact["PaymentConditionNumberOfDays"]) == (
        "NettoCash",
        None,
    )
    assert contact["CreatedAt"] == "2020-01-01T12:00:00.000"
    assert contact["UpdatedAt"] > contact["CreatedAt"]


def test_put_back_the_whole_read_model_works(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = _create(api, world.pro_org, alice)
    before = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    sent = {**before, "City": "Odense", "ContactGuid": str(uuid.uuid4()), "Unknown": [1, 2]}
    sent.update({"CreatedAt": "", "DeletedAt": "", "IsDebitor": False, "VatRegionKey": "World"})
    response = api.put(f"/v2/{world.pro_org}/contacts/{guid}", json=sent, headers=alice)
    assert response.status_code == 200, response.text
    after = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    changed = {key for key in before if before[key] != after[key]}
    assert changed <= {"City", "UpdatedAt"}
    assert after["City"] == "Odense"
    assert after["ContactGuid"] == guid
    lower = {key.lower(): value for key, value in after.items()}
    again = api.put(f"/v2/{world.pro_org}/contacts/{guid}", json=lower, headers=alice)
    assert again.status_code == 200, again.text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"Name": ""}, "Name"),
        ({"Name": None}, "Name"),
        ({"CountryKey": "Denmark"}, "CountryKey"),
        ({"CountryKey": "XX"}, "CountryKey"),
        ({"CountryKey": ""}, "CountryKey"),
        ({"IsPerson": "maybe"}, "IsPerson"),
        ({"UseCvr": None}, "UseCvr"),
        ({"PaymentConditionType": "Soon"}, "PaymentConditionType"),
        ({"PaymentConditionNumberOfDays": "many"}, "PaymentConditionNumberOfDays"),
        (
            {"PaymentConditionType": "NettoCash", "PaymentConditionNumberOfDays": 3},
            "PaymentConditionNumberOfDays",
        ),
        ({"ExternalReference": "x" * 129}, "ExternalReference"),
        ({"Street": "nul\x00"}, "Street"),
        ({"PreferredInvoiceCurrencyKey": "kroner"}, "PreferredInvoiceCurrencyKey"),
    ],
)
def test_a_bad_update_is_400_and_changes_nothing(
    app: Any,
    api: TestClient,
    world: World,
    alice: dict[str, str],
    change: dict[str, Any],
    field: str,
) -> None:
    guid = _create(api, world.pro_org, alice)
    before = _row(app, guid)
    response = api.put(
        f"/v2/{world.pro_org}/contacts/{guid}", json={**FULL, **change}, headers=alice
    )
    assert response.status_code == 400
    assert response.json()["code"] == 42
    assert field in response.json()["validationErrors"]
    assert _row(app, guid) == before


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b"null", b'"text"'])
def test_an_update_body_that_is_no_object_is_400(
    app: Any, api: TestClient, world: World, alice: dict[str, str], body: bytes
) -> None:
    guid = _create(api, world.pro_org, alice)
    before = _row(app, guid)
    response = api.put(f"/v1/{world.pro_org}/contacts/{guid}", content=body, headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == 42
    assert _row(app, guid) == before


def test_unknown_and_other_organizations_contacts_are_404_for_every_change(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs = _create(api, world.other_org, bob)
    before = _row(app, bobs)
    for guid in (bobs, str(uuid.uuid4())):
        base = f"/v1/{world.pro_org}/contacts/{guid}"
        for response in (
            api.put(base, json=FULL, headers=alice),
            api.put(f"/v2/{world.pro_org}/contacts/{guid}", json=FULL, headers=alice),
            api.delete(base, headers=alice),
            api.post(f"{base}/restore", headers=alice),
        ):
            assert response.status_code == 404, response.text
            assert response.json()["code"] == 40
    assert _row(app, bobs) == before
    # and Bob's own token cannot reach Alice's organization at all
    alices = _create(api, world.pro_org, alice)
    refused = api.delete(f"/v1/{world.pro_org}/contacts/{alices}", headers=bob)
    assert refused.status_code == 401
    assert _row(app, alices)["deleted_at"] is None


@pytest.mark.parametrize("method", ["PUT", "DELETE", "POST"])
def test_a_malformed_guid_is_400(
    api: TestClient, world: World, alice: dict[str, str], method: str
) -> None:
    path = f"/v1/{world.pro_org}/contacts/not-a-guid"
    if method == "POST":
        path += "/restore"
    response = api.request(method, path, json=FULL, headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == 44
    assert "guid" in response.json()["validationErrors"]


def test_delete_hides_the_contact_and_restore_brings_it_back(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = _create(api, world.pro_org, alice, Name="gone soon")
    keep = _create(api, world.pro_org, alice, Name="kept")
    _age(app, guid)
    _age(app, keep)
    org = world.pro_org
    deleted = api.request(
        "DELETE", f"/v1/{org}/contacts/{guid}", content=b'{"Timestamp": "ignored"}', headers=alice
    )
    assert deleted.status_code == 200, deleted.text
    contact = api.get(f"/v1/{org}/contacts/{guid}", headers=alice).json()
    assert contact["DeletedAt"] is not None
    assert contact["UpdatedAt"] == contact["DeletedAt"]
    assert _names(api, alice, f"/v1/{org}/contacts") == ["kept"]
    assert _names(api, alice, f"/v1/{org}/contacts", deletedOnly="true") == ["gone soon"]
    assert _names(api, alice, f"/v2/{org}/contacts", changesSince="2021-01-01T00:00:00Z") == [
        "gone soon"
    ]

    restored = api.post(f"/v1/{org}/contacts/{guid}/restore", headers=alice)
    assert restored.status_code == 200, restored.text
    contact = api.get(f"/v1/{org}/contacts/{guid}", headers=alice).json()
    assert contact["DeletedAt"] is None
    assert _names(api, alice, f"/v1/{org}/contacts") == ["kept", "gone soon"]
    again = api.post(f"/v1/{org}/contacts/{guid}/restore", headers=alice)
    assert again.status_code == 200
    assert api.get(f"/v1/{org}/contacts/{guid}", headers=alice).json() == contact


def test_a_deleted_contact_refuses_update_and_second_delete_with_65(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = _create(api, world.pro_org, alice)
    assert api.delete(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).status_code == 200
    before = _row(app, guid)
    for response in (
        api.put(f"/v2/{world.pro_org}/contacts/{guid}", json=FULL, headers=alice),
        api.put(f"/v1/{world.pro_org}/contacts/{guid}", json=FULL, headers=alice),
        api.delete(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice),
    ):
        assert response.status_code == 400
        body = response.json()
        assert (body["code"], body["message"]) == (65, "Item is deleted")
        assert guid in body["validationErrors"]["message"]
    assert _row(app, guid) == before


def test_changes_need_the_write_scope(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    guid = _create(api, world.pro_org, alice)
    reader = minter.headers(scopes=READ)
    before = _row(app, guid)
    for response in (
        api.put(f"/v2/{world.pro_org}/contacts/{guid}", json=FULL, headers=reader),
        api.delete(f"/v1/{world.pro_org}/contacts/{guid}", headers=reader),
        api.post(f"/v1/{world.pro_org}/contacts/{guid}/restore", headers=reader),
    ):
        assert response.status_code == 403
        assert response.json()["code"] == 41
    assert _row(app, guid) == before


def test_changes_without_a_token_or_without_pro_are_refused(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = str(uuid.uuid4())
    assert api.delete(f"/v1/{world.pro_org}/contacts/{guid}").status_code == 401
    response = api.put(f"/v2/{world.free_org}/contacts/{guid}", json=FULL, headers=alice)
    assert response.status_code == 403
    assert response.json()["code"] == 90
