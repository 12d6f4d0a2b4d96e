"""Invoices over the API: drafts, the preview, reading, updating, deleting and booking."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.testclient import TestClient

from tests.api.sales_helpers import (
    TODAY,
    book,
    booked_invoice,
    create,
    customer,
    entries_of,
    invoice_body,
    product_line,
    trial_balance,
)
from tests.factories import World


def _get(api: TestClient, world: World, headers: dict[str, str], guid: str) -> dict[str, Any]:
    response = api.get(f"/v1/{world.pro_org}/invoices/{guid}", headers=headers)
    assert response.status_code == 200, response.text
    invoice: dict[str, Any] = response.json()
    return invoice


def test_a_draft_reads_back_with_its_lines_and_totals(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    created = create(api, world, alice, invoice_body(contact), "invoices")
    invoice = _get(api, world, alice, created["Guid"])
    assert invoice["Status"] == "Draft" and invoice["PaymentStatus"] == "Draft"
    assert invoice["TimeStamp"] == created["TimeStamp"]
    assert invoice["ContactName"] == "Kunde ApS"
    assert invoice["Address"] == "Vestergade 1\n8000 Aarhus C"
    assert invoice["Description"] == "Faktura" and invoice["Currency"] == "DKK"
    assert (invoice["TotalExclVat"], invoice["TotalVat"], invoice["TotalInclVat"]) == (
        1600.0,
        400.0,
        2000.0,
    )
    assert invoice["TotalVatableAmount"] == 1600.0 and invoice["TotalNonVatableAmount"] == 0.0
    assert [line["Type"] for line in invoice["TotalLines"]] == ["SubTotal", "Vat", "Total"]
    assert invoice["TotalLines"][-1] == {
        "Type": "Total",
        "TotalAmount": 2000.0,
        "Position": 2,
        "Label": "Total DKK",
    }
    text, product = invoice["ProductLines"]
    assert text["LineType"] == "Text" and text["Description"] == "Ydelser"
    assert product["AccountName"] == "Salg af varer og ydelser m/moms"
    assert (product["TotalAmount"], product["TotalAmountInclVat"]) == (1600.0, 2000.0)
    assert product["BaseAmountValueInclVat"] == 1000.0
    assert invoice["PaymentConditionType"] == "Netto"
    assert invoice["PaymentConditionNumberOfDays"] == 8
    assert invoice["PaymentDate"] == (TODAY + timedelta(days=8)).isoformat()


def test_lines_incl_vat_and_discount_price_as_dinero_does(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = invoice_body(
        None,
        ShowLinesInclVat=True,
        ProductLines=[
            product_line(125.0, 3, Discount=10),
            product_line(100.0, 1, AccountNumber=1100),
        ],
    )
    response = api.post(f"/v1/{world.pro_org}/invoices/fetch", json=body, headers=alice)
    assert response.status_code == 200, response.text
    preview = response.json()
    vat_line, free_line = preview["ProductLines"]
    assert (vat_line["TotalAmountInclVat"], vat_line["TotalAmount"]) == (337.5, 270.0)
    assert vat_line["BaseAmountValue"] == 100.0 and vat_line["BaseAmountValueInclVat"] == 125.0
    assert (free_line["TotalAmountInclVat"], free_line["TotalAmount"]) == (100.0, 100.0)
    assert preview["TotalInclVat"] == 437.5 and preview["TotalVat"] == 67.5
    assert [line["Type"] for line in preview["TotalLines"]] == [
        "SubTotal",
        "SubTotalWithVat",
        "SubTotalWithoutVat",
        "Vat",
        "Total",
    ]
    listed = api.get(f"/v1/{world.pro_org}/invoices/fetch", headers=alice)
    assert listed.status_code in (400, 404, 405)


def test_payment_conditions_follow_the_contact_and_the_rules(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(
        api, world, alice, PaymentConditionType="CurrentMonthOut", PaymentConditionNumberOfDays=15
    )
    preview = api.post(
        f"/v1/{world.pro_org}/invoices/fetch",
        json=invoice_body(contact, Date="2026-02-10"),
        headers=alice,
    ).json()
    assert preview["PaymentConditionType"] == "CurrentMonthOut"
    assert preview["PaymentDate"] == "2026-03-15"
    cash = invoice_body(contact, PaymentConditionType="NettoCash", PaymentConditionNumberOfDays=5)
    refused = api.post(f"/v1/{world.pro_org}/invoices/fetch", json=cash, headers=alice)
    assert refused.status_code == 400
    assert "PaymentConditionNumberOfDays" in refused.json()["validationErrors"]


def test_bad_bodies_name_every_problem_and_save_nothing(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    url = f"/v1/{world.pro_org}/invoices"
    body = invoice_body(
        "5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11",
        Currency="XXX",
        ProductLines=[
            product_line(AccountNumber=2000),
            {"Description": "no numbers", "LineType": "Product", "Unit": "hours"},
            product_line(Discount=120, Unit="lightyears"),
            "not a line",
        ],
    )
    response = api.post(url, json=body, headers=alice)
    assert response.status_code == 400
    errors = response.json()["validationErrors"]
    assert {"ProductLines[1].BaseAmountValue", "ProductLines[2].Unit", "ProductLines[3]"} <= set(
        errors
    )
    for bad in ({}, {"ProductLines": []}, {"ProductLines": "x"}, {"Date": "26-11-2026"}):
        assert api.post(url, json=bad, headers=alice).status_code == 400
    rest = api.post(url, json=invoice_body(None, Currency="XXX"), headers=alice)
    assert rest.status_code == 400 and "Currency" in rest.json()["validationErrors"]
    expense = api.post(
        url, json=invoice_body(None, ProductLines=[product_line(AccountNumber=2000)]), headers=alice
    )
    assert expense.status_code == 400
    assert "ProductLines[0].AccountNumber" in expense.json()["validationErrors"]
    assert api.post(url, content=b"{not json", headers=alice).status_code == 400
    listed = api.get(f"/v1/{world.pro_org}/invoices", headers=alice)
    assert listed.status_code != 200 or listed.json()["Collection"] == []


def test_update_replaces_the_draft_and_refuses_a_stale_timestamp(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    created = create(api, world, alice, invoice_body(None), "invoices")
    url = f"/v1.2/{world.pro_org}/invoices/{created['Guid']}"
    whole = _get(api, world, alice, created["Guid"])
    whole["ProductLines"] = [product_line(100.0, 1)]
    whole["Comment"] = "Tak for handlen"
    updated = api.put(url, json=whole, headers=alice)
    assert updated.status_code == 200, updated.text
    assert updated.json()["TimeStamp"] != created["TimeStamp"]
    again = _get(api, world, alice, created["Guid"])
    assert again["TotalInclVat"] == 125.0 and again["Comment"] == "Tak for handlen"
    stale = api.put(url, json={**whole, "Timestamp": created["TimeStamp"]}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    missing = api.put(url, json={"ProductLines": [product_line()]}, headers=alice)
    assert missing.status_code == 400
    for version in ("v1", "v1.1"):
        old = api.put(
            f"/{version}/{world.pro_org}/invoices/{created['Guid']}",
            json={**again, "Timestamp": _get(api, world, alice, created["Guid"])["TimeStamp"]},
            headers=alice,
        )
        assert old.status_code == 200, old.text


def test_booking_numbers_the_invoice_and_posts_debtors_sales_and_vat(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    first = booked_invoice(api, world, alice)
    second = booked_invoice(api, world, alice)
    assert first["Status"] == "Booked" and first["PaymentStatus"] == "Booked"
    assert second["Number"] == first["Number"] + 1
    assert entries_of(app, first["Guid"]) == {57000: 200000, 1000: -160000, 64000: -40000}
    assert trial_balance(app, world.pro_org) == 0
    update = api.put(
        f"/v1.2/{world.pro_org}/invoices/{first['Guid']}",
        json={**invoice_body(None), "Timestamp": first["TimeStamp"]},
        headers=alice,
    )
    assert update.status_code == 400 and update.json()["code"] == 45
    delete = api.request(
        "DELETE", f"/v1/{world.pro_org}/invoices/{first['Guid']}", json={}, headers=alice
    )
    assert delete.status_code == 400
    again = api.post(
        f"/v1/{world.pro_org}/invoices/{first['Guid']}/book",
        json={"Timestamp": first["TimeStamp"]},
        headers=alice,
    )
    assert again.status_code == 400


def test_booking_needs_a_contact_and_a_product_line(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    no_contact = create(api, world, alice, invoice_body(None), "invoices")
    response = api.post(
        f"/v1/{world.pro_org}/invoices/{no_contact['Guid']}/book",
        json={"Timestamp": no_contact["TimeStamp"]},
        headers=alice,
    )
    assert response.status_code == 400 and "ContactGuid" in response.json()["validationErrors"]
    text_only = create(
        api,
        world,
        alice,
        invoice_body(
            customer(api, world, alice),
            ProductLines=[{"LineType": "Text", "Description": "Kun tekst"}],
        ),
        "invoices",
    )
    response = api.post(
        f"/v1/{world.pro_org}/invoices/{text_only['Guid']}/book",
        json={"Timestamp": text_only["TimeStamp"]},
        headers=alice,
    )
    assert response.status_code == 400 and response.json()["code"] == 45


def test_a_draft_can_be_deleted_with_or_without_its_timestamp(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    first = create(api, world, alice, invoice_body(None), "invoices")
    second = create(api, world, alice, invoice_body(None), "invoices")
    url = f"/v1/{world.pro_org}/invoices/"
    stale = api.request("DELETE", url + first["Guid"], json={"Timestamp": "0"}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    ok = api.request(
        "DELETE", url + first["Guid"], json={"Timestamp": first["TimeStamp"]}, headers=alice
    )
    assert ok.status_code == 200
    assert api.delete(url + second["Guid"], headers=alice).status_code == 200
    for guid in (first["Guid"], second["Guid"]):
        assert api.get(url + guid, headers=alice).status_code == 404


def test_a_client_chosen_guid_and_other_organizations(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = "2aa6fda2-0d1e-4c34-9b0f-1f6f0d2a9e11"
    create(api, world, alice, invoice_body(None, Guid=guid), "invoices")
    twice = api.post(
        f"/v1/{world.pro_org}/invoices", json=invoice_body(None, Guid=guid), headers=alice
    )
    assert twice.status_code == 400
    assert api.get(f"/v1/{world.pro_org}/invoices/{guid.upper()}", headers=alice).status_code == 200
    assert api.get(f"/v1/{world.pro_org}/invoices/not-a-guid", headers=alice).status_code == 400
    elsewhere = api.get(f"/v1/{world.other_org}/invoices/{guid}", headers=alice)
    assert elsewhere.status_code == 401


def test_a_requested_number_is_honoured_once(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    first = create(api, world, alice, invoice_body(contact), "invoices")
    booked = api.post(
        f"/v1/{world.pro_org}/invoices/{first['Guid']}/book",
        json={"Timestamp": first["TimeStamp"], "Number": 500},
        headers=alice,
    )
    assert booked.status_code == 200 and booked.json()["Number"] == 500
    second = create(api, world, alice, invoice_body(contact), "invoices")
    taken = api.post(
        f"/v1/{world.pro_org}/invoices/{second['Guid']}/book",
        json={"Timestamp": second["TimeStamp"], "Number": 500},
        headers=alice,
    )
    assert taken.status_code == 400
    assert book(api, world, alice, second, "invoices")["Number"] == 501


def test_access_rules_hold_for_sales(
    api: TestClient, world: World, alice: dict[str, str], minter: Any
) -> None:
    body = invoice_body(None)
    free = api.post(f"/v1/{world.free_org}/invoices", json=body, headers=alice)
    assert free.status_code == 403 and free.json()["code"] == 90
    assert api.get(f"/v1/{world.other_org}/invoices", headers=alice).status_code == 401
    assert api.get(f"/v1/{world.pro_org}/invoices").status_code == 401
    reader = minter.headers(scopes=["dineropublicapi:read"])
    assert api.get(f"/v1/{world.pro_org}/invoices", headers=reader).status_code == 200
    assert api.post(f"/v1/{world.pro_org}/invoices", json=body, headers=reader).status_code == 403
