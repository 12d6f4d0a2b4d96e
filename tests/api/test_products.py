"""Products: create, read, list, update and delete, with their validation (reference §2.4, §3.4)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bilag.storage.models import Product
from tests.api.conftest import READ, Minter
from tests.factories import World

CONSULTING = {
    "Name": "Konsulenttime",
    "ProductNumber": "K1",
    "BaseAmountValue": 800,
    "Quantity": 1.5,
    "AccountNumber": 1000,
    "Unit": "hours",
    "ExternalReference": "shop:42",
    "Comment": "Faktureres pr. time.",
}
AUDIT_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}")


def _count(app: Any) -> int:
    with app.state.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Product)) or 0)


def _create(api: TestClient, org: int, headers: dict[str, str], **changes: Any) -> str:
    response = api.post(f"/v1/{org}/products", json={**CONSULTING, **changes}, headers=headers)
    assert response.status_code == 200, response.text
    guid: str = response.json()["ProductGuid"]
    return guid


def test_create_read_update_delete(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    base = f"/v1/{world.pro_org}/products"
    created = api.post(base, json=CONSULTING, headers=alice)
    assert created.status_code == 200
    guid = created.json()["ProductGuid"]
    assert created.json() == {"ProductGuid": str(uuid.UUID(guid))}

    product = api.get(f"{base}/{guid}", headers=alice).json()
    assert {key: product[key] for key in CONSULTING} == CONSULTING
    assert product["ProductGuid"] == guid
    assert (product["BaseAmountValueInclVat"], product["TotalAmount"]) == (1000.0, 1200.0)
    assert product["TotalAmountInclVat"] == 1500.0
    assert AUDIT_TIME.fullmatch(product["CreatedAt"])
    assert product["UpdatedAt"] == product["CreatedAt"]
    assert product["DeletedAt"] is None

    changed = {**CONSULTING, "Name": "Weekendtime", "AccountNumber": 1100, "unit": "DAY"}
    del changed["Unit"]
    assert api.put(f"{base}/{guid}", json=changed, headers=alice).status_code == 200
    product = api.get(f"{base}/{guid}", headers=alice).json()
    assert (product["Name"], product["AccountNumber"], product["Unit"]) == (
        "Weekendtime",
        1100,
        "day",
    )
    assert product["BaseAmountValueInclVat"] == 800.0  # 1100 sells without VAT
    assert product["TotalAmountInclVat"] == product["TotalAmount"] == 1200.0

    deleted = api.delete(f"{base}/{guid}", headers=alice)
    assert (deleted.status_code, deleted.content) == (200, b"")
    product = api.get(f"{base}/{guid}", headers=alice).json()
    assert AUDIT_TIME.fullmatch(product["DeletedAt"])
    assert api.get(base, headers=alice).json()["Collection"] == []
    assert _count(app) == 1


def test_a_whole_read_model_can_be_put_back(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    base = f"/v1/{world.pro_org}/products"
    guid = _create(api, world.pro_org, alice)
    before = api.get(f"{base}/{guid}", headers=alice).json()
    assert api.put(f"{base}/{guid}", json=before, headers=alice).status_code == 200
    after = api.get(f"{base}/{guid}", headers=alice).json()
    assert {k: v for k, v in after.items() if k != "UpdatedAt"} == {
        k: v for k, v in before.items() if k != "UpdatedAt"
    }


def test_amounts_keep_their_decimals_and_round_to_ore(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = _create(api, world.pro_org, alice, BaseAmountValue="0.333", Quantity=3, Unit="Parts")
    product = api.get(f"/v1/{world.pro_org}/products/{guid}", headers=alice).json()
    assert (product["BaseAmountValue"], product["Quantity"], product["Unit"]) == (
        0.333,
        3.0,
        "parts",
    )
    assert (product["BaseAmountValueInclVat"], product["TotalAmount"]) == (0.42, 1.0)
    assert product["TotalAmountInclVat"] == 1.25


@pytest.fixture
def catalogue(app: Any, api: TestClient, world: World, alice: dict[str, str]) -> dict[str, str]:
    """Three products updated in 2020, 2022 and 2024; the 2022 one deleted in 2023."""
    guids: dict[str, str] = {}
    for name, number, updated, deleted in [
        ("Kaffe", "K-1", datetime(2020, 1, 1, 12), None),
        ("Te", "T-1", datetime(2022, 1, 1, 12), datetime(2023, 6, 1, 8)),
        ("Kage", "KA-2", datetime(2024, 1, 1, 12), None),
    ]:
        guid = _create(
            api, world.pro_org, alice, Name=name, ProductNumber=number, ExternalReference=name
        )
        with app.state.services.database.write() as session:
            session.execute(
                update(Product)
                .where(Product.guid == guid)
                .values(created_at=updated, updated_at=updated, deleted_at=deleted)
            )
        guids[name] = guid
    return guids


def _names(api: TestClient, world: World, headers: dict[str, str], **params: str) -> list[str]:
    response = api.get(f"/v1/{world.pro_org}/products", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [row["Name"] for row in response.json()["Collection"]]


def test_the_list_defaults_to_name_and_guid_ordered_by_update(
    api: TestClient, world: World, alice: dict[str, str], catalogue: dict[str, str]
) -> None:
    body = api.get(f"/v1/{world.pro_org}/products", headers=alice).json()
    assert body["Collection"] == [
        {"Name": "Kaffe", "ProductGuid": catalogue["Kaffe"]},
        {"Name": "Kage", "ProductGuid": catalogue["Kage"]},
    ]
    assert body["Pagination"] == {
        "MaxPageSizeAllowed": 1000,
        "PageSize": 100,
        "Result": 2,
        "ResultWithoutFilter": 2,
        "Page": 0,
    }


def test_fields_are_projected_as_spelled(
    api: TestClient, world: World, alice: dict[str, str], catalogue: dict[str, str]
) -> None:
    params = {"fields": "name, totalAmountInclVat,UNIT,deletedAt", "deletedOnly": "true"}
    body = api.get(f"/v1/{world.pro_org}/products", params=params, headers=alice).json()
    assert body["Collection"] == [
        {
            "name": "Te",
            "totalAmountInclVat": 1500.0,
            "UNIT": "hours",
            "deletedAt": "2023-06-01T08:00:00.000",
        }
    ]
    bad = api.get(f"/v1/{world.pro_org}/products", params={"fields": "Name,Price"}, headers=alice)
    assert bad.status_code == 400
    assert "Price" in bad.json()["message"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"freeTextSearch": "ka"}, ["Kaffe", "Kage"]),
        ({"freeTextSearch": "KA-"}, ["Kage"]),
        ({"freeTextSearch": "te"}, []),
        ({"freeTextSearch": "t-1", "deletedOnly": "true"}, ["Te"]),
        ({"freeTextSearch": "%"}, []),
        ({"queryFilter": "Name eq 'kaffe'"}, ["Kaffe"]),
        ({"queryFilter": "productNumber contains 'k'"}, ["Kaffe", "Kage"]),
        ({"queryFilter": "ProductNumber contains 'k';ExternalReference eq 'KAGE'"}, ["Kage"]),
        ({"deletedOnly": "TRUE"}, ["Te"]),
        ({"deletedOnly": "false"}, ["Kaffe", "Kage"]),
        ({"changesSince": "2021-01-01T00:00:00Z"}, ["Kage"]),
        ({"changesSince": "2023-01-01T00:00:00Z", "deletedOnly": "true"}, ["Te"]),
        ({"changesSince": "2023-06-01T08:00:01Z", "deletedOnly": "true"}, []),
        ({"changesSince": "2030-01-01T00:00:00Z"}, []),
    ],
)
def test_search_filter_deleted_and_changes(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    catalogue: dict[str, str],
    params: dict[str, str],
    expected: list[str],
) -> None:
    assert _names(api, world, alice, **params) == expected


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("queryFilter", "Comment eq 'x'", 46),
        ("queryFilter", "Name", 46),
        ("changesSince", "2021-01-01", 44),
        ("deletedOnly", "yes", 44),
        ("pageSize", "1001", 43),
        ("page", "-1", 43),
    ],
)
def test_bad_list_parameters_are_400(
    api: TestClient, world: World, alice: dict[str, str], name: str, value: str, code: int
) -> None:
    response = api.get(f"/v1/{world.pro_org}/products", params={name: value}, headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert name in response.json()["validationErrors"]
    if name == "queryFilter" and value.startswith("Comment"):
        assert "'Comment' cannot be filtered on" in response.json()["message"]


def test_pages(api: TestClient, world: World, alice: dict[str, str]) -> None:
    for number in range(5):
        _create(api, world.pro_org, alice, Name=f"P{number}")
    base = f"/v1/{world.pro_org}/products"
    pages = [
        api.get(base, params={"pageSize": "2", "page": str(page)}, headers=alice).json()
        for page in range(4)
    ]
    assert [[row["Name"] for row in page["Collection"]] for page in pages] == [
        ["P0", "P1"],
        ["P2", "P3"],
        ["P4"],
        [],
    ]
    assert [page["Pagination"]["ResultWithoutFilter"] for page in pages] == [5, 5, 5, 5]
    assert [page["Pagination"]["Result"] for page in pages] == [2, 2, 1, 0]
    full = api.get(base, params={"pageSize": "1000"}, headers=alice).json()
    assert full["Pagination"]["Result"] == 5


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"AccountNumber": None}, "AccountNumber"),
        ({"AccountNumber": 1001}, "AccountNumber"),
        ({"AccountNumber": "tusind"}, "AccountNumber"),
        ({"AccountNumber": 2**31}, "AccountNumber"),
        ({"Unit": None}, "Unit"),
        ({"Unit": ""}, "Unit"),
        ({"Unit": "stk"}, "Unit"),
        ({"BaseAmountValue": None}, "BaseAmountValue"),
        ({"BaseAmountValue": "NaN"}, "BaseAmountValue"),
        ({"BaseAmountValue": "Infinity"}, "BaseAmountValue"),
        ({"BaseAmountValue": 1e300}, "BaseAmountValue"),
        ({"BaseAmountValue": True}, "BaseAmountValue"),
        ({"BaseAmountValue": "1.234567890123456789"}, "BaseAmountValue"),
        ({"BaseAmountValue": "1E-30"}, "BaseAmountValue"),
        ({"Quantity": None}, "Quantity"),
        ({"Quantity": "mange"}, "Quantity"),
        ({"Quantity": [1]}, "Quantity"),
        ({"ExternalReference": "x" * 129}, "ExternalReference"),
        ({"Comment": "x" * 129}, "Comment"),
        ({"Name": "x" * 501}, "Name"),
        ({"ProductNumber": "x" * 101}, "ProductNumber"),
        ({"Name": "nul\x00"}, "Name"),
    ],
)
def test_invalid_products_are_refused_and_nothing_is_written(
    app: Any,
    api: TestClient,
    world: World,
    alice: dict[str, str],
    changes: dict[str, Any],
    named: str,
) -> None:
    guid = _create(api, world.pro_org, alice)
    before = api.get(f"/v1/{world.pro_org}/products/{guid}", headers=alice).json()
    body = {**CONSULTING, **changes}
    for response in (
        api.post(f"/v1/{world.pro_org}/products", json=body, headers=alice),
        api.put(f"/v1/{world.pro_org}/products/{guid}", json=body, headers=alice),
    ):
        assert response.status_code == 400, response.text
        assert response.json()["code"] == 42
        assert list(response.json()["validationErrors"]) == [named]
    assert _count(app) == 1
    assert api.get(f"/v1/{world.pro_org}/products/{guid}", headers=alice).json() == before


def test_a_body_that_is_not_an_object_is_refused(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    for content in (b"", b"[1]", b"{"):
        response = api.post(
            f"/v1/{world.pro_org}/products",
            content=content,
            headers={**alice, "Content-Type": "application/json"},
        )
        assert response.status_code == 400
        assert "body" in response.json()["validationErrors"]
    assert _count(app) == 0


def test_a_deleted_product_can_be_read_but_not_changed(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    base = f"/v1/{world.pro_org}/products"
    guid = _create(api, world.pro_org, alice)
    assert api.delete(f"{base}/{guid}", headers=alice).status_code == 200
    deleted = api.get(f"{base}/{guid}", headers=alice).json()
    for response in (
        api.put(f"{base}/{guid}", json=CONSULTING, headers=alice),
        api.delete(f"{base}/{guid}", headers=alice),
    ):
        assert response.status_code == 400
        assert response.json()["code"] == 65
    assert api.get(f"{base}/{guid}", headers=alice).json() == deleted


def test_unknown_and_other_organizations_products_are_404(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    bob = minter.headers(email=world.bob_email)
    guid = _create(api, world.other_org, bob)
    for target in (guid, str(uuid.uuid4())):
        path = f"/v1/{world.pro_org}/products/{target}"
        for response in (
            api.get(path, headers=alice),
            api.put(path, json=CONSULTING, headers=alice),
            api.delete(path, headers=alice),
        ):
            assert response.status_code == 404
            assert response.json()["code"] == 40
    assert api.get(f"/v1/{world.pro_org}/products", headers=alice).json()["Collection"] == []
    assert api.get(f"/v1/{world.other_org}/products/{guid}", headers=bob).status_code == 200


def test_a_guid_that_is_not_a_guid_is_400(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = api.request(
            method, f"/v1/{world.pro_org}/products/not-a-guid", json=CONSULTING, headers=alice
        )
        assert response.status_code == 400
        assert response.json()["code"] == 44
        assert "guid" in response.json()["validationErrors"]


def test_the_free_organization_and_read_only_tokens_are_refused(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    free = api.post(f"/v1/{world.free_org}/products", json=CONSULTING, headers=alice)
    assert free.status_code == 403
    assert api.get(f"/v1/{world.free_org}/products", headers=alice).status_code == 403
    reader = minter.headers(scopes=READ)
    assert api.get(f"/v1/{world.pro_org}/products", headers=reader).status_code == 200
    refused = api.post(f"/v1/{world.pro_org}/products", json=CONSULTING, headers=reader)
    assert refused.status_code == 403
    assert _count(app) == 0


def test_lenient_binding_and_every_missing_property_named_at_once(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    base = f"/v1/{world.pro_org}/products"
    body = {
        "name": "Sand",
        "baseamountvalue": " 12.50 ",
        "QUANTITY": "2",
        "accountNumber": "1200",
        "unit": "CUBICMETRE",
        "Price": 99,
    }
    guid = api.post(base, json=body, headers=alice).json()["ProductGuid"]
    product = api.get(f"{base}/{guid}", headers=alice).json()
    assert (product["Name"], product["BaseAmountValue"], product["Quantity"]) == ("Sand", 12.5, 2.0)
    assert (product["AccountNumber"], product["Unit"]) == (1200, "cubicMetre")
    assert product["TotalAmountInclVat"] == product["TotalAmount"] == 25.0  # EU sales: no VAT
    assert (product["ProductNumber"], product["ExternalReference"], product["Comment"]) == (
        None,
        None,
        None,
    )
    missing = api.post(base, json={"Name": "Tom"}, headers=alice)
    assert missing.status_code == 400
    assert sorted(missing.json()["validationErrors"]) == [
        "AccountNumber",
        "BaseAmountValue",
        "Quantity",
        "Unit",
    ]
