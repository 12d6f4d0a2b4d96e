"""Attachments of invoices, credit notes and trade offers: binding, listing, unbinding, the
organization's defaults, and what counts as a used file."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.ledger.money import ZERO
from bilag.ledger.sales import SalesTotals
from bilag.storage.document_attachments import (
    attachments_of,
    default_attachments,
    set_default_attachments,
)
from bilag.storage.file_records import FileGuidRefused
from bilag.storage.sales_documents import TRADE_OFFER, SalesContent, add_sales_draft
from tests.api.conftest import Minter
from tests.api.file_samples import PDF, PNG
from tests.api.sales_helpers import TODAY, create, customer, invoice_body
from tests.factories import World


def _upload(
    api: TestClient, organization_id: int, headers: dict[str, str], name: str, archive: bool = True
) -> str:
    path = "files" if archive else "files/attachment"
    content = PDF if name.endswith(".pdf") else PNG
    response = api.post(
        f"/v1/{organization_id}/{path}", files={"file": (name, content)}, headers=headers
    )
    assert response.status_code == 200, response.text
    guid: str = response.json()["FileGuid"]
    return guid


def _invoice(api: TestClient, world: World, headers: dict[str, str]) -> str:
    created = create(api, world, headers, invoice_body(customer(api, world, headers)), "invoices")
    guid: str = created["Guid"]
    return guid


def _listed(api: TestClient, world: World, headers: dict[str, str], document: str) -> list[Any]:
    response = api.get(f"/v1/{world.pro_org}/attachments/{document}", headers=headers)
    assert response.status_code == 200, response.text
    listed: list[Any] = response.json()
    return listed


def _bind(
    api: TestClient, world: World, headers: dict[str, str], document: str, file: str, name: str
) -> Any:
    return api.post(f"/v1/{world.pro_org}/attachments/{document}/{file}/{name}", headers=headers)


def test_a_bound_file_is_listed_with_its_name_and_can_be_unbound(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = _invoice(api, world, alice)
    assert _listed(api, world, alice, invoice) == []
    terms = _upload(api, world.pro_org, alice, "terms.pdf", archive=False)
    photo = _upload(api, world.pro_org, alice, "photo.png")
    assert _bind(api, world, alice, invoice, terms, "Handelsbetingelser.pdf").status_code == 200
    assert _bind(api, world, alice, invoice, photo, "Foto af varen.png").status_code == 200
    assert _listed(api, world, alice, invoice) == [
        {
            "OrganizationId": world.pro_org,
            "DocumentId": invoice,
            "FileGuid": terms,
            "FileName": "Handelsbetingelser.pdf",
        },
        {
            "OrganizationId": world.pro_org,
            "DocumentId": invoice,
            "FileGuid": photo,
            "FileName": "Foto af varen.png",
        },
    ]
    with app.state.services.database.read() as session:
        assert attachments_of(session, world.pro_org, invoice.upper()) == [
            (terms, "Handelsbetingelser.pdf"),
            (photo, "Foto af varen.png"),
        ]
    removed = api.delete(f"/v1/{world.pro_org}/attachments/{invoice}/{terms}", headers=alice)
    assert removed.status_code == 200, removed.text
    assert [item["FileGuid"] for item in _listed(api, world, alice, invoice)] == [photo]
    again = api.delete(f"/v1/{world.pro_org}/attachments/{invoice}/{terms}", headers=alice)
    assert again.status_code == 404 and again.json()["code"] == 40
    assert terms in again.json()["message"]


def test_binding_twice_is_harmless_and_renames(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _invoice(api, world, alice)
    terms = _upload(api, world.pro_org, alice, "terms.pdf")
    assert _bind(api, world, alice, invoice, terms, "a.pdf").status_code == 200
    assert _bind(api, world, alice, invoice, terms.upper(), "b.pdf").status_code == 200
    listed = _listed(api, world, alice, invoice)
    assert [(item["FileGuid"], item["FileName"]) for item in listed] == [(terms, "b.pdf")]


def test_credit_notes_booked_invoices_and_trade_offers_take_attachments(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    contact = customer(api, world, alice)
    note = create(api, world, alice, invoice_body(contact), "sales/creditnotes")["Guid"]
    invoice = create(api, world, alice, invoice_body(contact), "invoices")
    booked = api.post(
        f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/book",
        json={"Timestamp": invoice["TimeStamp"]},
        headers=alice,
    )
    assert booked.status_code == 200, booked.text
    with app.state.services.database.write() as session:
        content = SalesContent(
            totals=SalesTotals((), ZERO, ZERO, ZERO, ZERO, ZERO), document_date=TODAY
        )
        offer = add_sales_draft(session, world.pro_org, TRADE_OFFER, content).guid
    terms = _upload(api, world.pro_org, alice, "terms.pdf", archive=False)
    for document in (note, invoice["Guid"], offer):
        assert _bind(api, world, alice, document, terms, "terms.pdf").status_code == 200
        assert _listed(api, world, alice, document)[0]["FileGuid"] == terms


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("a%2Fb.pdf", "path separators"),
        ("a%5Cb.pdf", "path separators"),
        ("%20%20", "must not be empty"),
        ("x" * 256, "at most 255"),
        ("a%01b.pdf", "control characters"),
        ("%20..%20", "control characters"),
    ],
)
def test_a_bad_file_name_is_refused_naming_it(
    api: TestClient, world: World, alice: dict[str, str], name: str, problem: str
) -> None:
    invoice = _invoice(api, world, alice)
    terms = _upload(api, world.pro_org, alice, "terms.pdf")
    response = _bind(api, world, alice, invoice, terms, name)
    assert response.status_code == 400, response.text
    assert problem in response.json()["validationErrors"]["fileName"]
    assert _listed(api, world, alice, invoice) == []


def test_a_name_of_255_characters_with_spaces_and_danish_letters_is_kept(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _invoice(api, world, alice)
    terms = _upload(api, world.pro_org, alice, "terms.pdf")
    name = "Æble og ø " + "x" * 241 + ".pdf"
    assert len(name) == 255
    assert _bind(api, world, alice, invoice, terms, name).status_code == 200
    assert _listed(api, world, alice, invoice)[0]["FileName"] == name


def test_unknown_deleted_and_malformed_documents_and_files(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _invoice(api, world, alice)
    terms = _upload(api, world.pro_org, alice, "terms.pdf")
    unknown = str(uuid.uuid4())
    for response in (
        api.get(f"/v1/{world.pro_org}/attachments/{unknown}", headers=alice),
        _bind(api, world, alice, unknown, terms, "a.pdf"),
        _bind(api, world, alice, invoice, "a" * 32, "a.pdf"),
        _bind(api, world, alice, invoice, "not-a-file", "a.pdf"),
        api.delete(f"/v1/{world.pro_org}/attachments/{unknown}/{terms}", headers=alice),
        api.delete(f"/v1/{world.pro_org}/attachments/{invoice}/not-a-file", headers=alice),
    ):
        assert response.status_code == 404, response.text
        assert response.json()["code"] == 40
    malformed = api.get(f"/v1/{world.pro_org}/attachments/not-a-guid", headers=alice)
    assert malformed.status_code == 400
    assert "documentGuid" in malformed.json()["validationErrors"]
    deleted = api.delete(f"/v1/{world.pro_org}/invoices/{invoice}", headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert _bind(api, world, alice, invoice, terms, "a.pdf").status_code == 404
    gone = api.get(f"/v1/{world.pro_org}/attachments/{invoice}", headers=alice)
    assert gone.status_code == 404


def test_another_organizations_documents_and_files_are_refused(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs_file = _upload(api, world.other_org, bob, "bob.pdf")
    alices_draft = create(api, world, alice, invoice_body(None), "invoices")["Guid"]
    invoice = _invoice(api, world, alice)
    mine = _upload(api, world.pro_org, alice, "mine.pdf")
    refused = _bind(api, world, alice, invoice, bobs_file, "bob.pdf")
    assert refused.status_code == 404 and refused.json()["code"] == 40
    # Bob cannot bind his own file to an invoice of Alice's organization, nor list hers.
    elsewhere = api.post(
        f"/v1/{world.other_org}/attachments/{alices_draft}/{bobs_file}/x.pdf", headers=bob
    )
    assert elsewhere.status_code == 404
    assert api.get(f"/v1/{world.other_org}/attachments/{invoice}", headers=bob).status_code == 404
    unreachable = api.get(f"/v1/{world.other_org}/attachments/{invoice}", headers=alice)
    assert unreachable.status_code == 401
    assert _bind(api, world, alice, invoice, mine, "mine.pdf").status_code == 200
    assert _listed(api, world, alice, invoice)[0]["FileGuid"] == mine


def test_bound_archive_files_count_as_used(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _invoice(api, world, alice)
    terms = _upload(api, world.pro_org, alice, "terms.pdf")
    unused = api.get(f"/v1/{world.pro_org}/files?fileStatus=Unused", headers=alice).json()
    assert [item["FileGuid"] for item in unused] == [terms]
    assert _bind(api, world, alice, invoice, terms, "terms.pdf").status_code == 200
    used = api.get(f"/v1/{world.pro_org}/files?fileStatus=Used", headers=alice).json()
    assert [item["FileGuid"] for item in used] == [terms]
    assert [link["VoucherGuid"] for link in used[0]["Linked"]] == [invoice]
    assert api.get(f"/v1/{world.pro_org}/files?fileStatus=Unused", headers=alice).json() == []
    api.delete(f"/v1/{world.pro_org}/attachments/{invoice}/{terms}", headers=alice)
    unused = api.get(f"/v1/{world.pro_org}/files?fileStatus=Unused", headers=alice).json()
    assert [item["FileGuid"] for item in unused] == [terms]


def test_the_default_attachments_of_a_type_are_bound_on_request(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    terms = _upload(api, world.pro_org, alice, "terms.pdf", archive=False)
    prices = _upload(api, world.pro_org, alice, "prices.png", archive=False)
    with app.state.services.database.write() as session:
        set_default_attachments(
            session, world.pro_org, "Invoice", [(terms, "Betingelser.pdf"), (prices, "Priser.png")]
        )
        set_default_attachments(session, world.pro_org, "TradeOffer", [(prices, "Priser.png")])
    with app.state.services.database.read() as session:
        assert default_attachments(session, world.pro_org, "Invoice") == [
            (terms, "Betingelser.pdf"),
            (prices, "Priser.png"),
        ]
    invoice = _invoice(api, world, alice)
    bound = api.post(
        f"/v1/{world.pro_org}/attachments/bind/default/{invoice}/invoice", headers=alice
    )
    assert bound.status_code == 200, bound.text
    listed = _listed(api, world, alice, invoice)
    assert sorted((item["FileGuid"], item["FileName"]) for item in listed) == sorted(
        [(terms, "Betingelser.pdf"), (prices, "Priser.png")]
    )
    wrong = api.post(
        f"/v1/{world.pro_org}/attachments/bind/default/{invoice}/TradeOffer", headers=alice
    )
    assert wrong.status_code == 400 and "documentType" in wrong.json()["validationErrors"]
    unknown = api.post(
        f"/v1/{world.pro_org}/attachments/bind/default/{invoice}/Receipt", headers=alice
    )
    assert unknown.status_code == 400
    assert "Invoice or TradeOffer" in unknown.json()["validationErrors"]["documentType"]
    missing = api.post(
        f"/v1/{world.pro_org}/attachments/bind/default/{uuid.uuid4()}/Invoice", headers=alice
    )
    assert missing.status_code == 404 and missing.json()["code"] == 40


def test_defaults_refuse_foreign_files_and_bad_names_without_changing(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter, app: Any
) -> None:
    terms = _upload(api, world.pro_org, alice, "terms.pdf")
    bobs = _upload(api, world.other_org, minter.headers(email=world.bob_email), "bob.pdf")
    with app.state.services.database.write() as session:
        set_default_attachments(session, world.pro_org, "Invoice", [(terms, "terms.pdf")])
    for files in ([(terms, "a.pdf"), (bobs, "b.pdf")], [(terms, "a/b.pdf")]):
        with pytest.raises(FileGuidRefused):
            with app.state.services.database.write() as session:
                set_default_attachments(session, world.pro_org, "Invoice", files)
    with pytest.raises(ValueError, match="document_type"):
        with app.state.services.database.write() as session:
            set_default_attachments(session, world.pro_org, "Receipt", [])
    with app.state.services.database.read() as session:
        assert default_attachments(session, world.pro_org, "Invoice") == [(terms, "terms.pdf")]
