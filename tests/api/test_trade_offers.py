"""Trade offers over the API: numbering, the preview, reading, updating, deleting, the rules that
protect an answered offer, generating an invoice, and the list with every parameter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.ledger.errors import VersionConflict
from bilag.storage.journal import DRAFT
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import INVOICE, get_sales_document
from bilag.storage.trade_offers import (
    CUSTOMER_ACCEPTED,
    CUSTOMER_DECLINED,
    USER_ACCEPTED,
    USER_DECLINED,
    set_offer_status,
)
from tests.api.sales_helpers import TODAY, create, customer, invoice_body, product_line
from tests.factories import World

DINERO_OPENAPI = Path(__file__).resolve().parents[3] / "shared/reference/dinero-openapi.json"


@pytest.fixture(scope="module")
def dinero_schemas() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DINERO_OPENAPI.read_text())
    return document


def _valid(document: dict[str, Any], name: str, value: Any) -> list[str]:
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    validator = jsonschema_rs.Draft202012Validator(schema)
    return [str(error) for error in validator.iter_errors(value)]


def _offer(api: TestClient, world: World, headers: dict[str, str], **extra: Any) -> dict[str, Any]:
    contact = extra.pop("contact", None) or customer(api, world, headers)
    return create(api, world, headers, invoice_body(contact, **extra), "tradeoffers")


def _get(api: TestClient, world: World, headers: dict[str, str], guid: str) -> dict[str, Any]:
    response = api.get(f"/v1/{world.pro_org}/tradeoffers/{guid}", headers=headers)
    assert response.status_code == 200, response.text
    offer: dict[str, Any] = response.json()
    return offer


def _set_status(app: Any, world: World, guid: str, status: str) -> None:
    with app.state.services.database.write() as session:
        offer = get_sales_document(session, world.pro_org, guid, ["trade_offer"])
        assert offer is not None
        set_offer_status(session, offer, status)


def _count_invoices(app: Any, world: World) -> int:
    query = select(func.count()).where(
        SalesDocument.organization_id == world.pro_org, SalesDocument.kind == INVOICE
    )
    with app.state.services.database.read() as session:
        return int(session.scalar(query) or 0)


def test_offers_are_numbered_at_creation_and_read_back_as_dinero_shows_them(
    api: TestClient, world: World, alice: dict[str, str], dinero_schemas: dict[str, Any]
) -> None:
    first = _offer(api, world, alice)
    second = _offer(api, world, alice, Language="en-GB")
    offer = _get(api, world, alice, first["Guid"])
    assert not _valid(dinero_schemas, "TradeOfferReadModel", offer)
    assert offer["Status"] == "Draft" and offer["TimeStamp"] == first["TimeStamp"]
    assert _get(api, world, alice, second["Guid"])["Number"] == offer["Number"] + 1
    assert offer["Description"] == "Tilbud" and offer["ContactName"] == "Kunde ApS"
    assert _get(api, world, alice, second["Guid"])["Description"] == "Offer"
    assert offer["Address"] == "Vestergade 1\n8000 Aarhus C"
    assert (offer["TotalExclVat"], offer["TotalVat"], offer["TotalInclVat"]) == (
        1600.0,
        400.0,
        2000.0,
    )
    assert [line["LineType"] for line in offer["ProductLines"]] == ["Text", "Product"]
    assert [line["Type"] for line in offer["TotalLines"]] == ["SubTotal", "Vat", "Total"]
    assert offer["GeneratedVouchers"] == [] and offer["HasGeneratedAnyVouchers"] is False
    assert offer["MailOutStatus"] == "NotSent" and offer["DeletedAt"] is None
    (history,) = offer["History"]
    assert history["Status"] == "Draft" and history["TotalInclVat"] == 2000.0
    assert history["Currency"] == "DKK" and history["TradeOfferEmailSentAt"] is None


def test_the_contact_is_required_and_a_bad_body_saves_nothing(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    url = f"/v1/{world.pro_org}/tradeoffers"
    missing = api.post(url, json=invoice_body(None), headers=alice)
    assert missing.status_code == 400 and "ContactGuid" in missing.json()["validationErrors"]
    unknown = api.post(
        url, json=invoice_body("5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11"), headers=alice
    )
    assert unknown.status_code == 400 and "ContactGuid" in unknown.json()["validationErrors"]
    no_lines = api.post(
        url, json=invoice_body(customer(api, world, alice), ProductLines=[]), headers=alice
    )
    assert no_lines.status_code == 400 and "ProductLines" in no_lines.json()["validationErrors"]
    assert api.post(url, content=b"[1]", headers=alice).status_code == 400
    listed = api.get(url, headers=alice)
    assert listed.status_code == 200 and listed.json()["Collection"] == []


def test_fetch_previews_the_next_number_without_saving(
    api: TestClient, world: World, alice: dict[str, str], dinero_schemas: dict[str, Any]
) -> None:
    created = _offer(api, world, alice)
    number = _get(api, world, alice, created["Guid"])["Number"]
    body = invoice_body(customer(api, world, alice), ShowLinesInclVat=True)
    response = api.post(f"/v1/{world.pro_org}/tradeoffers/fetch", json=body, headers=alice)
    assert response.status_code == 200, response.text
    preview = response.json()
    assert not _valid(dinero_schemas, "TradeOfferFetchReadModel", preview)
    assert preview["Number"] == number + 1 and preview["TotalInclVat"] == 1600.0
    assert preview["Description"] == "Tilbud"
    assert len(api.get(f"/v1/{world.pro_org}/tradeoffers", headers=alice).json()["Collection"]) == 1


def test_fetch_prices_an_offer_that_names_no_contact_yet(
    api: TestClient, world: World, alice: dict[str, str], dinero_schemas: dict[str, Any]
) -> None:
    """Dinero's fetch model requires only the lines; saving the offer needs the contact."""
    url = f"/v1/{world.pro_org}/tradeoffers"
    response = api.post(url + "/fetch", json=invoice_body(None), headers=alice)
    assert response.status_code == 200, response.text
    preview = response.json()
    assert not _valid(dinero_schemas, "TradeOfferFetchReadModel", preview)
    assert preview["ContactGuid"] is None and preview["ContactName"] is None
    assert preview["TotalInclVat"] > 0
    assert api.post(url, json=invoice_body(None), headers=alice).status_code == 400


def test_update_replaces_the_offer_and_refuses_a_stale_timestamp(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    created = _offer(api, world, alice)
    url = f"/v1.2/{world.pro_org}/tradeoffers/{created['Guid']}"
    whole = _get(api, world, alice, created["Guid"])
    whole["ProductLines"] = [product_line(100.0, 1)]
    whole["Comment"] = "Gælder i 30 dage"
    whole["Timestamp"] = whole["TimeStamp"]
    updated = api.put(url, json=whole, headers=alice)
    assert updated.status_code == 200, updated.text
    assert updated.json()["TimeStamp"] != created["TimeStamp"]
    again = _get(api, world, alice, created["Guid"])
    assert again["TotalInclVat"] == 125.0 and again["Comment"] == "Gælder i 30 dage"
    assert again["Number"] == whole["Number"] and len(again["History"]) == 1
    stale = api.put(url, json={**whole, "Timestamp": created["TimeStamp"]}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    missing = api.put(url, json={**whole, "Timestamp": None}, headers=alice)
    assert missing.status_code == 400 and "Timestamp" in missing.json()["validationErrors"]
    no_contact = api.put(url, json={**whole, "ContactGuid": None}, headers=alice)
    assert no_contact.status_code == 400
    assert _get(api, world, alice, created["Guid"])["TimeStamp"] == updated.json()["TimeStamp"]


def test_deleting_keeps_the_number_and_the_offer_in_the_deleted_list(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    first = _offer(api, world, alice)
    second = _offer(api, world, alice)
    url = f"/v1/{world.pro_org}/tradeoffers/"
    stale = api.request("DELETE", url + first["Guid"], json={"Timestamp": "0"}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    ok = api.request(
        "DELETE", url + first["Guid"], json={"Timestamp": first["TimeStamp"]}, headers=alice
    )
    assert ok.status_code == 200
    assert api.delete(url + second["Guid"], headers=alice).status_code == 200
    for guid in (first["Guid"], second["Guid"]):
        assert api.get(url + guid, headers=alice).status_code == 404
    deleted = api.get(
        f"/v1/{world.pro_org}/tradeoffers?deletedOnly=true&fields=Guid,Number,Status,DeletedAt",
        headers=alice,
    ).json()["Collection"]
    assert [row["Guid"] for row in deleted] == [second["Guid"], first["Guid"]]
    assert {row["Status"] for row in deleted} == {"Draft"}
    assert all(row["DeletedAt"] for row in deleted)
    third = _offer(api, world, alice)
    assert _get(api, world, alice, third["Guid"])["Number"] == deleted[0]["Number"] + 1


@pytest.mark.parametrize("status", [CUSTOMER_ACCEPTED, USER_ACCEPTED])
def test_an_accepted_offer_can_be_neither_changed_nor_deleted(
    api: TestClient, world: World, alice: dict[str, str], app: Any, status: str
) -> None:
    created = _offer(api, world, alice)
    _set_status(app, world, created["Guid"], status)
    offer = _get(api, world, alice, created["Guid"])
    assert offer["Status"] in ("CustomerAccepted", "UserAccepted")
    assert [entry["Status"] for entry in offer["History"]] == ["Draft", offer["Status"]]
    update = api.put(
        f"/v1.2/{world.pro_org}/tradeoffers/{created['Guid']}",
        json={**offer, "Timestamp": offer["TimeStamp"]},
        headers=alice,
    )
    assert update.status_code == 400 and update.json()["code"] == 45
    assert "accepted" in update.json()["message"]
    url = f"/v1/{world.pro_org}/tradeoffers/{created['Guid']}"
    delete = api.request("DELETE", url, json={"Timestamp": offer["TimeStamp"]}, headers=alice)
    assert delete.status_code == 400 and delete.json()["code"] == 45
    assert "legally binding" in delete.json()["message"]
    assert _get(api, world, alice, created["Guid"])["TimeStamp"] == offer["TimeStamp"]


@pytest.mark.parametrize("status", [CUSTOMER_DECLINED, USER_DECLINED])
def test_a_declined_offer_can_be_deleted_but_not_changed_or_invoiced(
    api: TestClient, world: World, alice: dict[str, str], app: Any, status: str
) -> None:
    created = _offer(api, world, alice)
    _set_status(app, world, created["Guid"], status)
    offer = _get(api, world, alice, created["Guid"])
    update = api.put(
        f"/v1.2/{world.pro_org}/tradeoffers/{created['Guid']}",
        json={**offer, "Timestamp": offer["TimeStamp"]},
        headers=alice,
    )
    assert update.status_code == 400 and update.json()["code"] == 45
    url = f"/v1/{world.pro_org}/tradeoffers/{created['Guid']}"
    generate = api.post(url + "/generate-invoice", headers=alice)
    assert generate.status_code == 400 and generate.json()["code"] == 45
    assert _count_invoices(app, world) == 0
    assert api.delete(url, headers=alice).status_code == 200
    assert api.get(url, headers=alice).status_code == 404


def test_generating_an_invoice_copies_the_offer_into_a_draft_and_invoices_the_offer(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    created = _offer(
        api,
        world,
        alice,
        Currency="EUR",
        ExternalReference="shop:7",
        Comment="Tak",
        Date="2026-01-05",
    )
    offer = _get(api, world, alice, created["Guid"])
    url = f"/v1/{world.pro_org}/tradeoffers/{created['Guid']}/generate-invoice"
    stale = api.post(url, json={"Timestamp": "00000000000017B7"}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    assert _count_invoices(app, world) == 0
    response = api.post(url, json={"Timestamp": offer["TimeStamp"]}, headers=alice)
    assert response.status_code == 200, response.text
    generated = response.json()
    invoice_response = api.get(f"/v1/{world.pro_org}/invoices/{generated['Guid']}", headers=alice)
    assert invoice_response.status_code == 200
    invoice = invoice_response.json()
    assert invoice["Status"] == "Draft" and invoice["TimeStamp"] == generated["TimeStamp"]
    assert invoice["ContactGuid"] == offer["ContactGuid"] and invoice["Currency"] == "EUR"
    assert invoice["ProductLines"] == offer["ProductLines"]
    assert invoice["TotalLines"] == offer["TotalLines"]
    for name in ("TotalExclVat", "TotalVat", "TotalInclVat", "ExternalReference", "Comment"):
        assert invoice[name] == offer[name]
    assert invoice["Description"] == "Faktura" and invoice["Date"] == TODAY.isoformat()
    assert invoice["PaymentConditionType"] == "Netto"
    invoiced = _get(api, world, alice, created["Guid"])
    assert invoiced["Status"] == "Invoiced" and invoiced["HasGeneratedAnyVouchers"] is True
    assert invoiced["GeneratedVouchers"] == [generated["Guid"]]
    assert [entry["Status"] for entry in invoiced["History"]] == ["Draft", "Invoiced"]
    assert invoiced["TimeStamp"] != offer["TimeStamp"]
    refused = api.put(
        f"/v1.2/{world.pro_org}/tradeoffers/{created['Guid']}",
        json={**invoiced, "Timestamp": invoiced["TimeStamp"]},
        headers=alice,
    )
    assert refused.status_code == 400 and refused.json()["code"] == 45
    delete = api.delete(f"/v1/{world.pro_org}/tradeoffers/{created['Guid']}", headers=alice)
    assert delete.status_code == 400 and delete.json()["code"] == 45
    second = api.post(url, headers=alice)
    assert second.status_code == 200
    again = _get(api, world, alice, created["Guid"])
    assert again["GeneratedVouchers"] == [generated["Guid"], second.json()["Guid"]]
    assert len(again["History"]) == 2


def test_other_organizations_and_unknown_offers(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    guid = "7bb6fda2-0d1e-4c34-9b0f-1f6f0d2a9e11"
    created = _offer(api, world, alice, Guid=guid)
    assert created["Guid"] == guid
    twice = api.post(
        f"/v1/{world.pro_org}/tradeoffers",
        json=invoice_body(customer(api, world, alice), Guid=guid),
        headers=alice,
    )
    assert twice.status_code == 400
    assert (
        api.get(f"/v1/{world.pro_org}/tradeoffers/{guid.upper()}", headers=alice).status_code == 200
    )
    assert api.get(f"/v1/{world.pro_org}/tradeoffers/nope", headers=alice).status_code == 400
    missing = api.get(
        f"/v1/{world.pro_org}/tradeoffers/5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11", headers=alice
    )
    assert missing.status_code == 404 and missing.json()["code"] == 40
    invoice = create(api, world, alice, invoice_body(None), "invoices")
    as_offer = api.get(f"/v1/{world.pro_org}/tradeoffers/{invoice['Guid']}", headers=alice)
    assert as_offer.status_code == 404
    for method, path in (
        ("GET", f"/v1/{world.other_org}/tradeoffers/{guid}"),
        ("GET", f"/v1/{world.other_org}/tradeoffers"),
        ("DELETE", f"/v1/{world.other_org}/tradeoffers/{guid}"),
        ("POST", f"/v1/{world.other_org}/tradeoffers/{guid}/generate-invoice"),
    ):
        assert api.request(method, path, headers=alice).status_code == 401
    assert _get(api, world, alice, guid)["Status"] == "Draft"


def _list(api: TestClient, world: World, headers: dict[str, str], **query: str) -> Any:
    params = {"fields": "Guid", **query}
    return api.get(f"/v1/{world.pro_org}/tradeoffers", params=params, headers=headers)


def _guids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["Guid"] for row in response.json()["Collection"]]


def test_the_list_filters_searches_sorts_and_pages(
    api: TestClient, world: World, alice: dict[str, str], app: Any, dinero_schemas: dict[str, Any]
) -> None:
    anna = customer(api, world, alice, Name="Anna's Bageri")
    bent = customer(api, world, alice, Name="Bent Byg")
    a = _offer(api, world, alice, contact=bent, Description="Tag", Date="2026-03-01")
    b = _offer(
        api, world, alice, contact=anna, Description="Køkken", Date="2026-05-01", Currency="EUR"
    )
    c = _offer(api, world, alice, contact=anna, ProductLines=[product_line(100.0, 1)])
    api.post(f"/v1/{world.pro_org}/tradeoffers/{c['Guid']}/generate-invoice", headers=alice)
    number_a = _get(api, world, alice, a["Guid"])["Number"]

    default = api.get(f"/v1/{world.pro_org}/tradeoffers", headers=alice).json()["Collection"]
    assert [row["guid"] for row in default] == [c["Guid"], b["Guid"], a["Guid"]]
    assert set(default[0]) == {"guid", "contactName", "date", "description"}
    assert default[0]["contactName"] == "Anna's Bageri"
    every = ",".join(
        name
        for name in dinero_schemas["components"]["schemas"]["TradeOfferReadModel"]["properties"]
        if name not in ("ProductLines", "TotalLines", "GeneratedVouchers", "History",
                        "ShowLinesInclVat", "InvoiceTemplateId")
    )  # fmt: skip
    listed = _list(api, world, alice, fields=every)
    schema = dinero_schemas["components"]["schemas"]["TradeOfferReadModel"]
    narrowed = {**schema, "required": [n for n in schema["required"] if n in every.split(",")]}
    for row in listed.json()["Collection"]:
        validator = jsonschema_rs.Draft202012Validator(
            {**narrowed, "components": dinero_schemas["components"]}
        )
        assert not [str(error) for error in validator.iter_errors(row)]

    assert _guids(_list(api, world, alice, sortOrder="Ascending")) == [
        a["Guid"],
        b["Guid"],
        c["Guid"],
    ]
    by_name = _list(api, world, alice, sort="ContactName,TradeOfferNumber", sortOrder="ascending")
    assert _guids(by_name) == [b["Guid"], c["Guid"], a["Guid"]]
    assert _guids(_list(api, world, alice, sort="tradeofferdate", sortOrder="ascending"))[:2] == [
        a["Guid"],
        b["Guid"],
    ]
    assert _guids(_list(api, world, alice, sort="Status", sortOrder="descending"))[0] == c["Guid"]

    def filtered(text: str) -> list[str]:
        return _guids(_list(api, world, alice, queryFilter=text))

    assert filtered("ContactName eq 'anna''s bageri'") == [c["Guid"], b["Guid"]]
    assert filtered("Description contains 'KØK'") == [b["Guid"]]
    assert filtered(f"Number eq '{number_a}'") == [a["Guid"]]
    assert filtered("HasGeneratedAnyVouchers eq 'true'") == [c["Guid"]]
    assert filtered("HasGeneratedAnyVouchers eq 'false';Currency eq 'eur'") == [b["Guid"]]
    assert filtered("Date eq '2026-03-01'") == [a["Guid"]]
    assert filtered("Address contains 'Vestergade';Comment eq 'x'") == []

    assert _guids(_list(api, world, alice, freeTextSearch="bent")) == [a["Guid"]]
    assert _guids(_list(api, world, alice, freeTextSearch="125")) == [c["Guid"]]
    assert a["Guid"] in _guids(_list(api, world, alice, freeTextSearch=str(number_a)))
    assert _guids(_list(api, world, alice, changesSince="2999-01-01T00:00:00Z")) == []
    assert len(_guids(_list(api, world, alice, changesSince="2000-01-01T00:00:00Z"))) == 3
    assert _guids(_list(api, world, alice, deletedOnly="true")) == []

    paged = _list(api, world, alice, page="1", pageSize="2")
    assert _guids(paged) == [a["Guid"]]
    assert paged.json()["Pagination"] == {
        "MaxPageSizeAllowed": 1000,
        "PageSize": 2,
        "Result": 1,
        "ResultWithoutFilter": 3,
        "Page": 1,
    }
    assert _guids(_list(api, world, alice, page="5")) == []


@pytest.mark.parametrize(
    ("query", "code", "named"),
    [
        ({"fields": "Guid,ProductLines"}, 45, "fields"),
        ({"queryFilter": "Status eq 'Draft'"}, 46, "queryFilter"),
        ({"queryFilter": "Number eq 'abc'"}, 46, "queryFilter"),
        ({"queryFilter": "Description"}, 46, "queryFilter"),
        ({"sort": "Amount"}, 45, "sort"),
        ({"sortOrder": "sideways"}, 45, "sortOrder"),
        ({"pageSize": "5000"}, 43, "pageSize"),
        ({"page": "-1"}, 43, "page"),
        ({"page": "one"}, 44, "page"),
        ({"changesSince": "yesterday"}, 44, "changesSince"),
        ({"deletedOnly": "maybe"}, 44, "deletedOnly"),
    ],
)
def test_bad_list_parameters_are_named(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    query: dict[str, str],
    code: int,
    named: str,
) -> None:
    response = _list(api, world, alice, **query)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code and named in response.json()["validationErrors"]


def test_set_offer_status_checks_the_status_and_the_timestamp(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    created = _offer(api, world, alice)
    database = app.state.services.database
    with database.write() as session:
        offer = get_sales_document(session, world.pro_org, created["Guid"], ["trade_offer"])
        assert offer is not None
        with pytest.raises(ValueError, match="unknown"):
            set_offer_status(session, offer, "Accepted")
        with pytest.raises(VersionConflict):
            set_offer_status(session, offer, USER_ACCEPTED, "00000000000017B7")
        set_offer_status(session, offer, DRAFT, created["TimeStamp"])
        set_offer_status(session, offer, USER_ACCEPTED, created["TimeStamp"])
    offer_read = _get(api, world, alice, created["Guid"])
    assert [entry["Status"] for entry in offer_read["History"]] == ["Draft", "UserAccepted"]
    assert offer_read["TimeStamp"] != created["TimeStamp"]
