"""Request binding as Dinero does it: any case, unknown and read-only properties ignored, and a
400 with code 42 naming each property of the wrong type."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.storage.models import Contact
from tests.factories import World

VALID = {"Name": "Jens", "CountryKey": "DK", "IsPerson": True, "IsMember": False, "UseCvr": False}


def _count(app: Any) -> int:
    with app.state.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def test_property_names_are_case_insensitive_and_extras_are_ignored(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {
        "name": "Jens",
        "COUNTRYKEY": "dk",
        "isperson": "True",
        "IsMember": False,
        "useCvr": "false",
        "zipcode": 8000,
        "Favourite": "blue",
        "IsDebitor": False,
        "IsCreditor": True,
        "CreatedAt": "1999-01-01T00:00:00",
        "VatRegionKey": "World",
        "TimeStamp": "0000000000000001",
    }
    created = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice)
    assert created.status_code == 200, created.text
    guid = created.json()["ContactGuid"]
    contact = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    assert (contact["Name"], contact["CountryKey"], contact["IsPerson"]) == ("Jens", "DK", True)
    assert contact["ZipCode"] == "8000"
    assert (contact["IsDebitor"], contact["IsCreditor"], contact["VatRegionKey"]) == (
        True,
        False,
        "DK",
    )
    assert not contact["CreatedAt"].startswith("1999")


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"Name": None}, ["Name"]),
        ({"Name": "   "}, ["Name"]),
        ({"Name": {"first": "J"}}, ["Name"]),
        ({"Name": ["J"]}, ["Name"]),
        ({"IsPerson": "maybe"}, ["IsPerson"]),
        ({"IsPerson": 1}, ["IsPerson"]),
        ({"IsMember": None, "UseCvr": None}, ["IsMember", "UseCvr"]),
        ({"CountryKey": "Denmark"}, ["CountryKey"]),
        ({"CountryKey": "D1"}, ["CountryKey"]),
        ({"ExternalReference": "x" * 129}, ["ExternalReference"]),
        ({"Email": "a" * 400}, ["Email"]),
        ({"PaymentConditionNumberOfDays": "eight"}, ["PaymentConditionNumberOfDays"]),
        ({"PaymentConditionNumberOfDays": 2**40}, ["PaymentConditionNumberOfDays"]),
        ({"PaymentConditionNumberOfDays": -1}, ["PaymentConditionNumberOfDays"]),
        ({"PaymentConditionNumberOfDays": 1.5}, ["PaymentConditionNumberOfDays"]),
        ({"PaymentConditionType": "Weekly"}, ["PaymentConditionType"]),
        (
            {"PaymentConditionType": "NettoCash", "PaymentConditionNumberOfDays": 8},
            ["PaymentConditionNumberOfDays"],
        ),
        ({"ContactGuid": "not-a-guid"}, ["ContactGuid"]),
        ({"CompanyTypeKey": "Corporation"}, ["CompanyTypeKey"]),
        ({"PreferredInvoiceCurrencyKey": "KRONER"}, ["PreferredInvoiceCurrencyKey"]),
        ({"City": "Aar\x00hus"}, ["City"]),
    ],
)
def test_wrong_values_are_400_code_42_naming_the_property(
    app: Any,
    api: TestClient,
    world: World,
    alice: dict[str, str],
    changes: dict[str, Any],
    named: list[str],
) -> None:
    response = api.post(f"/v1/{world.pro_org}/contacts", json={**VALID, **changes}, headers=alice)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == 42
    assert sorted(body["validationErrors"]) == sorted(named)
    assert _count(app) == 0


def test_every_missing_required_property_is_named_at_once(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    response = api.post(f"/v1/{world.pro_org}/contacts", json={}, headers=alice)
    assert response.status_code == 400
    assert sorted(response.json()["validationErrors"]) == [
        "CountryKey",
        "IsMember",
        "IsPerson",
        "Name",
        "UseCvr",
    ]


def test_lenient_values_are_normalised(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {
        **VALID,
        "PaymentConditionType": "nettocash",
        "CompanyTypeKey": "privatelimitedcompany",
        "PreferredInvoiceLanguageKey": "EN",
        "PreferredInvoiceCurrencyKey": "eur",
        "InvoiceMailOutOptionKey": "",
    }
    guid = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice).json()["ContactGuid"]
    contact = api.get(f"/v1/{world.pro_org}/contacts/{guid}", headers=alice).json()
    assert contact["PaymentConditionType"] == "NettoCash"
    assert contact["PaymentConditionNumberOfDays"] is None
    assert contact["CompanyTypeKey"] == "PrivateLimitedCompany"
    assert contact["PreferredInvoiceLanguageKey"] == "en"
    assert contact["PreferredInvoiceCurrencyKey"] == "EUR"
    assert contact["InvoiceMailOutOptionKey"] is None
