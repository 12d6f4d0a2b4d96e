"""The purchase voucher endpoints around the voucher: fetch, similar and the drafts of a file."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
from starlette.testclient import TestClient

from tests.api.purchase_samples import (
    CASH,
    OFFICE_LINE,
    TODAY,
    book,
    contact,
    create,
    credit,
    ok,
    purchase_url,
    upload,
    voucher_count,
)
from tests.api.test_dinero_conformance import DINERO_OPENAPI
from tests.factories import World


def test_fetch_previews_the_totals_without_storing_anything(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    body = {**CASH, "Lines": [OFFICE_LINE, {"AccountNumber": 2000, "Amount": 50000}]}
    preview = ok(api.post(purchase_url(world, "/fetch"), json=body, headers=alice))
    assert "Guid" not in preview and "Timestamp" not in preview
    assert (preview["Status"], preview["VoucherNumber"], preview["PaymentDate"]) == (
        "Draft",
        None,
        TODAY,
    )
    assert [total["Total"] for total in preview["VoucherTotals"]] == [40100.0, 10025.0, 50125.0]
    assert preview["ShouldPossiblyBeFixedAsset"] is True
    small = ok(api.post(purchase_url(world, "/fetch"), json=CASH, headers=alice))
    assert small["ShouldPossiblyBeFixedAsset"] is False
    refused = api.post(
        purchase_url(world, "/fetch"), json={**CASH, "PurchaseType": None}, headers=alice
    )
    assert refused.status_code == 400 and "PurchaseType" in refused.json()["validationErrors"]
    assert voucher_count(app) == 0


def test_similar_finds_the_same_reference_or_the_same_day_contact_and_total(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    supplier = contact(api, world, alice)
    original = ok(book(api, world, alice, create(api, world, alice, credit(supplier))))
    url = purchase_url(world, "/similar")
    same = ok(api.post(url, json=credit(supplier), headers=alice))
    assert same == {"VoucherNumber": 1, "SimilarGuid": original["Guid"], "SimilarFound": True}
    other_total = {**credit(supplier), "Lines": [{**OFFICE_LINE, "Amount": 126}]}
    assert ok(api.post(url, json=other_total, headers=alice))["SimilarFound"] is False
    other_contact = credit(contact(api, world, alice, "Blæk ApS"))
    assert ok(api.post(url, json=other_contact, headers=alice)) == {
        "VoucherNumber": None,
        "SimilarGuid": None,
        "SimilarFound": False,
    }
    draft = create(api, world, alice, {**CASH, "ExternalReference": "shop:42"})
    by_reference = {**CASH, "VoucherDate": "2020-01-01", "ExternalReference": "shop:42"}
    assert ok(api.post(url, json=by_reference, headers=alice)) == {
        "VoucherNumber": None,
        "SimilarGuid": draft["Guid"],
        "SimilarFound": True,
    }


def test_fileguid_lists_the_purchase_drafts_using_the_file(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    file_guid = upload(api, world, alice)
    first = create(api, world, alice, {**CASH, "FileGuid": file_guid})
    second = create(api, world, alice, {**CASH, "FileGuid": file_guid})
    create(api, world, alice, CASH)
    url = purchase_url(world, f"/fileguid/{file_guid}")
    assert ok(api.get(url, headers=alice)) == [first["Guid"], second["Guid"]]
    ok(book(api, world, alice, first))
    assert ok(api.get(url, headers=alice)) == [second["Guid"]]
    for unknown in ("unknown", "a%00b", "x" * 32):
        assert ok(api.get(purchase_url(world, f"/fileguid/{unknown}"), headers=alice)) == []


def _dinero_validator(schema_name: str) -> Any:
    document = json.loads(DINERO_OPENAPI.read_text())
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(schema)


def test_every_answer_validates_against_dinero_schemas(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    supplier = contact(api, world, alice)
    cash = create(api, world, alice, {**CASH, "FileGuid": upload(api, world, alice)})
    owed = create(api, world, alice, credit(supplier))
    fetched = api.post(purchase_url(world, "/fetch"), json=CASH, headers=alice)
    similar = api.post(purchase_url(world, "/similar"), json=CASH, headers=alice)
    answers: list[tuple[str, Any]] = [
        ("PurchaseVoucherReadModelV2", cash),
        ("PurchaseVoucherReadModelV2", ok(book(api, world, alice, cash))),
        ("PurchaseVoucherReadModelV2", ok(book(api, world, alice, owed))),
        ("PurchaseVoucherFetchReadModel", ok(fetched)),
        ("SimilarPurchaseVoucherReadModel", ok(similar)),
    ]
    notes = purchase_url(world, "/creditnotes")
    made = ok(
        api.post(notes, json={"Lines": [OFFICE_LINE], "ContactGuid": supplier}, headers=alice)
    )
    answers.append(("CreatedResponseModel", made))
    answers.append(
        ("PurchaseCreditNoteReadModel", ok(api.get(f"{notes}/{made['Guid']}", headers=alice)))
    )
    booked = api.post(
        f"{notes}/{made['Guid']}/book", json={"Timestamp": made["TimeStamp"]}, headers=alice
    )
    answers.append(("PurchaseCreditNoteReadModel", ok(booked)))
    for name, answer in answers:
        errors = [str(error) for error in _dinero_validator(name).iter_errors(answer)]
        assert not errors, (name, errors)
