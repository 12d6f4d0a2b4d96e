"""Accounts: the entry, purchase and deposit lists, and creating entry and deposit accounts."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.storage.models import Account
from tests.factories import World

# Dinero's EntryAccountReadModel and DepositAccountReadModel (reference/dinero-openapi.json).
ENTRY_TYPES = {
    "AccountNumber": int,
    "PublicStandardNumber": (int, type(None)),
    "Name": (str, type(None)),
    "VatCode": (str, type(None)),
    "Category": (str, type(None)),
    "CategoryName": (str, type(None)),
    "IsHidden": bool,
    "IsDefaultSalesAccount": bool,
}
DEPOSIT_TYPES = {
    "AccountNumber": int,
    "PublicStandardNumber": (int, type(None)),
    "Name": (str, type(None)),
    "IsDefault": bool,
    "IsHidden": bool,
    "BankRegistrationNumber": (str, type(None)),
    "BankAccountNumber": (str, type(None)),
    "BankSwiftNumber": (str, type(None)),
    "BankIbanNumber": (str, type(None)),
}
ALL_ENTRY = ",".join(ENTRY_TYPES)
ALL_DEPOSIT = ",".join(DEPOSIT_TYPES)


def _matches(item: dict[str, Any], types: dict[str, Any]) -> bool:
    return set(item) == set(types) and all(isinstance(item[k], types[k]) for k in types)


def _count(api: TestClient) -> int:
    with api.app.state.services.database.read() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(Account)) or 0)


def test_entry_accounts_default_to_number_name_and_hidden(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    listed = api.get(f"/v1/{world.pro_org}/accounts/entry", headers=alice)
    assert listed.status_code == 200
    accounts = listed.json()
    assert {
        "AccountNumber": 1000,
        "Name": "Salg af varer og ydelser m/moms",
        "IsHidden": False,
    } in (accounts)
    assert all(set(item) == {"AccountNumber", "Name", "IsHidden"} for item in accounts)
    numbers = [item["AccountNumber"] for item in accounts]
    assert numbers == sorted(numbers) and {55000, 57000, 63000, 64000, 64060} <= set(numbers)


def test_every_field_matches_dinero_schema_and_fields_keep_the_callers_spelling(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    entry = api.get(f"/v1/{world.pro_org}/accounts/entry?fields={ALL_ENTRY}", headers=alice)
    assert all(_matches(item, ENTRY_TYPES) for item in entry.json())
    sales = next(item for item in entry.json() if item["AccountNumber"] == 1000)
    assert (sales["VatCode"], sales["Category"], sales["IsDefaultSalesAccount"]) == (
        "U25",
        "Turnover",
        True,
    )
    deposit = api.get(f"/v1/{world.pro_org}/accounts/deposit?fields={ALL_DEPOSIT}", headers=alice)
    assert all(_matches(item, DEPOSIT_TYPES) for item in deposit.json())
    spelled = api.get(
        f"/v1/{world.pro_org}/accounts/entry?fields=accountnumber,NAME", headers=alice
    )
    assert spelled.json()[0] == {"accountnumber": 1000, "NAME": "Salg af varer og ydelser m/moms"}


def test_category_filter_in_any_casing(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    url = f"/v1/{world.pro_org}/accounts/entry?categoryFilter=vat due&fields=AccountNumber,Category"
    found = api.get(url, headers=alice).json()
    assert [item["AccountNumber"] for item in found] == [64000, 64010, 64020, 64030, 64040, 64060]
    assert {item["Category"] for item in found} == {"Vat Due"}
    liquid = api.get(
        f"/v1/{world.pro_org}/accounts/entry?categoryFilter=Liquid Assets,Receivables",
        headers=alice,
    ).json()
    assert [item["AccountNumber"] for item in liquid] == [55000, 55010, 55020, 57000]


def test_purchase_accounts_are_the_expense_range_with_all_fields(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    found = api.get(f"/v1/{world.pro_org}/accounts/purchase", headers=alice).json()
    assert found and all(2000 <= item["AccountNumber"] <= 9399 for item in found)
    assert set(found[0]) == {
        "AccountNumber",
        "Name",
        "VatCode",
        "Category",
        "CategoryName",
        "IsHidden",
    }
    assert found[0] == {
        "AccountNumber": 2000,
        "Name": "Varekøb",
        "VatCode": "I25",
        "Category": "Variable Expenses",
        "CategoryName": "Variable omkostninger",
        "IsHidden": False,
    }


def test_deposit_accounts_bank_card_and_mobilepay(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    url = f"/v1/{world.pro_org}/accounts/deposit?fields=AccountNumber,Name,IsDefault"
    assert api.get(url, headers=alice).json() == [
        {"AccountNumber": 55000, "Name": "Bank", "IsDefault": True},
        {"AccountNumber": 55010, "Name": "Kreditkort", "IsDefault": False},
        {"AccountNumber": 55020, "Name": "MobilePay", "IsDefault": False},
    ]


def test_create_entry_account_then_find_it(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {"number": 1020, "NAME": " Salg af kurser ", "vatcode": "u25", "Ignored": True}
    created = api.post(f"/v1/{world.pro_org}/accounts/entry", json=body, headers=alice)
    assert (created.status_code, created.content) == (200, b"")
    found = api.get(
        f"/v1/{world.pro_org}/accounts/entry?fields=AccountNumber,Name,VatCode,Category",
        headers=alice,
    ).json()
    assert {
        "AccountNumber": 1020,
        "Name": "Salg af kurser",
        "VatCode": "U25",
        "Category": "Turnover",
    } in found
    none = {"Number": 6500, "Name": "Porto", "VatCode": "none"}
    assert (
        api.post(f"/v1/{world.pro_org}/accounts/entry", json=none, headers=alice).status_code == 200
    )
    purchase = api.get(f"/v1/{world.pro_org}/accounts/purchase", headers=alice).json()
    assert next(a for a in purchase if a["AccountNumber"] == 6500)["VatCode"] is None


def test_create_deposit_account_with_bank_details(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {
        "Number": 55100,
        "Name": "My new bankaccount",
        "RegistrationNumber": "9999",
        "AccountNumber": "1234567890",
        "SwiftNumber": "AAAABBCC123",
        "IbanNumber": None,
    }
    assert (
        api.post(f"/v1/{world.pro_org}/accounts/deposit", json=body, headers=alice).status_code
        == 200
    )
    found = api.get(f"/v1/{world.pro_org}/accounts/deposit?fields={ALL_DEPOSIT}", headers=alice)
    assert {
        "AccountNumber": 55100,
        "PublicStandardNumber": None,
        "Name": "My new bankaccount",
        "IsDefault": False,
        "IsHidden": False,
        "BankRegistrationNumber": "9999",
        "BankAccountNumber": "1234567890",
        "BankSwiftNumber": "AAAABBCC123",
        "BankIbanNumber": None,
    } in found.json()


@pytest.mark.parametrize(
    ("path", "body", "field", "text"),
    [
        ("entry", {"Number": 1000, "Name": "Dublet", "VatCode": "U25"}, "Number", "already in use"),
        ("entry", {"Number": 0, "Name": "Nul", "VatCode": "U25"}, "Number", "between 1 and 99999"),
        ("entry", {"Number": 100000, "Name": "Stor", "VatCode": "U25"}, "Number", "between"),
        ("entry", {"Number": 1030, "Name": "  ", "VatCode": "U25"}, "Name", "must not be empty"),
        ("entry", {"Number": 1030, "Name": "x" * 101, "VatCode": "U25"}, "Name", "at most 100"),
        ("entry", {"Number": 1030, "Name": "Salg", "VatCode": "X99"}, "VatCode", "Unknown VAT"),
        ("entry", {"Number": 1030, "Name": "Salg"}, "VatCode", "required"),
        ("entry", {"Number": "tusind", "Name": "Salg", "VatCode": "U25"}, "Number", "whole"),
        ("deposit", {"Number": 1040, "Name": "Bank 2"}, "Number", "between 55000 and 55999"),
        ("deposit", {"Number": 55000, "Name": "Bank 2"}, "Number", "already in use"),
        (
            "deposit",
            {"Number": 55200, "Name": "Bank 2", "IbanNumber": "D" * 41},
            "IbanNumber",
            "40",
        ),
    ],
)
def test_bad_accounts_are_400s_that_name_the_property_and_change_nothing(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    path: str,
    body: dict[str, Any],
    field: str,
    text: str,
) -> None:
    before = _count(api)
    answer = api.post(f"/v1/{world.pro_org}/accounts/{path}", json=body, headers=alice)
    assert answer.status_code == 400
    assert answer.json()["code"] == 42
    assert text in answer.json()["validationErrors"][field]
    assert _count(api) == before


def test_several_problems_are_reported_together(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {"Number": 1000, "Name": "Dublet", "VatCode": "nope"}
    answer = api.post(f"/v1/{world.pro_org}/accounts/entry", json=body, headers=alice)
    assert set(answer.json()["validationErrors"]) == {"Number", "VatCode"}


def test_unknown_category_or_field_is_a_400(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    bad = api.get(f"/v1/{world.pro_org}/accounts/entry?categoryFilter=Snacks", headers=alice)
    assert bad.status_code == 400 and "categoryFilter" in bad.json()["validationErrors"]
    field = api.get(f"/v1/{world.pro_org}/accounts/deposit?fields=VatCode", headers=alice)
    assert field.status_code == 400 and "fields" in field.json()["validationErrors"]
    anonymous = api.get(f"/v1/{world.pro_org}/accounts/entry?categoryFilter=Snacks")
    assert anonymous.status_code == 401


def test_another_organizations_accounts_are_never_visible(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {"Number": 1555, "Name": "Alices egen", "VatCode": "U25"}
    assert (
        api.post(f"/v1/{world.pro_org}/accounts/entry", json=body, headers=alice).status_code == 200
    )
    for path in ("entry", "purchase", "deposit"):
        assert api.get(f"/v1/{world.other_org}/accounts/{path}", headers=alice).status_code == 401
    refused = api.post(f"/v1/{world.other_org}/accounts/entry", json=body, headers=alice)
    assert refused.status_code == 401
    free_numbers = [
        item["AccountNumber"]
        for item in api.get(f"/v1/{world.pro_org}/accounts/entry", headers=alice).json()
    ]
    assert 1555 in free_numbers
    with api.app.state.services.database.read() as session:  # type: ignore[attr-defined]
        owners = set(session.scalars(select(Account.organization_id).where(Account.number == 1555)))
    assert owners == {world.pro_org}
