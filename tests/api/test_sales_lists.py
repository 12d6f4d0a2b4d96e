"""The sales lists: defaults, fields, filters, statuses, periods, sorting and paging."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.testclient import TestClient

from tests.api.sales_helpers import TODAY, book, booked_invoice, create, customer, invoice_body
from tests.factories import World


def _list(api: TestClient, world: World, headers: dict[str, str], path: str, **query: Any) -> Any:
    response = api.get(f"/v1/{world.pro_org}/{path}", params=query, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_lists_show_each_kind_with_their_default_fields(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = booked_invoice(api, world, alice, ExternalReference="order-1")
    contact = customer(api, world, alice, Name="Anden Kunde")
    note = book(
        api,
        world,
        alice,
        create(api, world, alice, invoice_body(contact), "sales/creditnotes"),
        "sales/creditnotes",
    )
    draft = create(api, world, alice, invoice_body(None, Description="Udkast"), "invoices")
    invoices = _list(api, world, alice, "invoices")
    assert set(invoices["Collection"][0]) == {"Guid", "ContactName", "Date", "Description"}
    assert [row["Guid"] for row in invoices["Collection"]] == [draft["Guid"], invoice["Guid"]]
    sales = _list(api, world, alice, "sales", fields="guid,Type,Status,number")
    by_guid = {row["guid"]: row for row in sales["Collection"]}
    assert by_guid[note["Guid"]]["Type"] == "CreditNote"
    assert by_guid[invoice["Guid"]]["Status"] == "Booked"
    assert by_guid[draft["Guid"]]["Status"] == "Draft"
    assert by_guid[draft["Guid"]]["number"] == 9223372036854775807
    notes = _list(api, world, alice, "sales/creditnotes")
    assert [row["Guid"] for row in notes["Collection"]] == [note["Guid"]]
    assert notes["Collection"][0]["Type"] == "CreditNote"
    everything = _list(api, world, alice, "invoices", fields=",".join(_ALL_FIELDS))
    assert set(everything["Collection"][0]) == set(_ALL_FIELDS)
    filtered = _list(api, world, alice, "invoices", queryFilter="ExternalReference eq 'order-1'")
    assert [row["Guid"] for row in filtered["Collection"]] == [invoice["Guid"]]
    found = _list(api, world, alice, "sales", freeTextSearch="anden")
    assert [row["Guid"] for row in found["Collection"]] == [note["Guid"]]
    by_total = _list(api, world, alice, "invoices", freeTextSearch="2000")
    assert len(by_total["Collection"]) == 2


_ALL_FIELDS = (
    "Number",
    "Guid",
    "ExternalReference",
    "ContactName",
    "ContactGuid",
    "Date",
    "PaymentDate",
    "Description",
    "Currency",
    "Status",
    "MailOutStatus",
    "LatestMailOutType",
    "TotalExclVatInDkk",
    "TotalInclVatInDkk",
    "TotalExclVat",
    "TotalInclVat",
    "CreatedAt",
    "UpdatedAt",
    "DeletedAt",
)


def test_status_filter_period_sorting_and_deleted(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    old = (TODAY - timedelta(days=30)).isoformat()
    late = booked_invoice(api, world, alice, Date=old)
    fresh = booked_invoice(api, world, alice)
    draft = create(api, world, alice, invoice_body(None), "invoices")
    overdue = _list(api, world, alice, "invoices", statusFilter="overdue")
    assert [row["Guid"] for row in overdue["Collection"]] == [late["Guid"]]
    both = _list(api, world, alice, "invoices", statusFilter="Draft,Booked")
    assert {row["Guid"] for row in both["Collection"]} == {fresh["Guid"], draft["Guid"]}
    period = _list(api, world, alice, "invoices", startDate=old, endDate=old)
    assert {row["Guid"] for row in period["Collection"]} == {late["Guid"], draft["Guid"]}
    by_status = _list(api, world, alice, "invoices", sort="Status", sortOrder="ascending")
    assert [row["Guid"] for row in by_status["Collection"]] == [
        draft["Guid"],
        late["Guid"],
        fresh["Guid"],
    ]
    numbered = _list(api, world, alice, "invoices", sort="VoucherNumber", sortOrder="ascending")
    assert [row["Guid"] for row in numbered["Collection"]][-1] == draft["Guid"]
    api.delete(f"/v1/{world.pro_org}/invoices/{draft['Guid']}", headers=alice)
    deleted = _list(api, world, alice, "invoices", deletedOnly="true", fields="Guid,DeletedAt")
    assert [row["Guid"] for row in deleted["Collection"]] == [draft["Guid"]]
    assert deleted["Collection"][0]["DeletedAt"] is not None
    page = _list(api, world, alice, "invoices", pageSize=1, page=1)
    assert page["Pagination"]["ResultWithoutFilter"] == 2 and page["Pagination"]["Result"] == 1


def test_bad_list_parameters_are_named(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    for query in (
        {"startDate": "2026-01-01"},
        {"startDate": "2026-02-01", "endDate": "2026-01-01"},
        {"startDate": "yesterday", "endDate": "2026-01-01"},
        {"statusFilter": "Lost"},
        {"sort": "Amount"},
        {"sortOrder": "sideways"},
        {"fields": "Guid,Nope"},
        {"queryFilter": "Currency eq 'DKK'"},
        {"changesSince": "2026-01-01"},
        {"pageSize": "1001"},
        {"deletedOnly": "maybe"},
    ):
        response = api.get(f"/v1/{world.pro_org}/invoices", params=query, headers=alice)
        assert response.status_code == 400, (query, response.text)
        assert response.json()["validationErrors"] or response.json()["message"]


def test_templates_list_the_default(api: TestClient, world: World, alice: dict[str, str]) -> None:
    templates = api.get(f"/v1/{world.pro_org}/invoices/templates", headers=alice).json()
    assert len(templates) == 1 and templates[0]["IsDefault"] is True
    body = invoice_body(None, InvoiceTemplateId=templates[0]["Id"])
    assert api.post(f"/v1/{world.pro_org}/invoices", json=body, headers=alice).status_code == 200
    other = invoice_body(None, InvoiceTemplateId="5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11")
    assert api.post(f"/v1/{world.pro_org}/invoices", json=other, headers=alice).status_code == 400
