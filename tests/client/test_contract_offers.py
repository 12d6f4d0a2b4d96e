"""`books.trade_offers` against the real app in process: a trade offer previewed, created, found,
changed, printed, invoiced and deleted, each write carrying its Timestamp."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Client,
    DineroError,
    FilterError,
    InvoiceLine,
    OAuthCredentials,
    RequestValidationError,
    StaleVersionError,
    TradeOfferDraft,
    contains,
    eq,
)
from tests.client.conftest import Bilag
from tests.client.sales_steps import customer


def offer_draft(contact: str, marker: str, hours: int = 2) -> TradeOfferDraft:
    lines = [
        InvoiceLine.text("Ny hjemmeside"),
        InvoiceLine("Design", Decimal("1000.00"), hours, 1000, unit="hours"),
    ]
    return TradeOfferDraft(contact, lines, description=marker, external_reference=marker)


def test_an_offer_is_previewed_created_found_changed_and_deleted(
    client: Client, bilag: Bilag
) -> None:
    offers = client.books(bilag.world.pro_org).trade_offers
    contact = customer(client, bilag.world.pro_org)
    marker = uuid.uuid4().hex[:10]
    preview = offers.fetch(offer_draft(contact, marker))
    assert (preview.guid, preview.total_excl_vat, preview.total_incl_vat) == (
        "",
        Decimal(2000),
        Decimal(2500),
    )
    assert [line.line_type for line in preview.lines] == ["Text", "Product"]
    created = offers.create(offer_draft(contact, marker))
    offer = offers.get(created.guid)
    assert (offer.ref, offer.contact_name, offer.status) == (created, "Kunde ApS", "Draft")
    assert offer.number == preview.number and offer.lines[1].quantity == Decimal(2)
    [row] = offers.list(eq("ExternalReference", marker), page_size=1)
    assert (row.guid, row.total_incl_vat, row.lines) == (created.guid, Decimal(2500), ())
    assert [o.guid for o in offers.list(free_text_search=marker)] == [created.guid]
    second = offers.create(offer_draft(contact, marker))
    numbers = [o.number for o in offers.list(free_text_search=marker, sort=["TradeOfferNumber"])]
    assert len(numbers) == 2 and numbers == sorted(numbers, reverse=True)  # Dinero: descending
    upward = offers.list(free_text_search=marker, sort=["tradeoffernumber"], sort_order="ascending")
    assert [o.guid for o in upward] == [created.guid, second.guid]
    offers.delete(second)
    changed = offers.update(created, offer_draft(contact, marker, hours=3))
    assert changed.guid == created.guid and changed.timestamp != created.timestamp
    assert offers.get(created.guid).total_excl_vat == Decimal(3000)
    with pytest.raises(StaleVersionError):
        offers.update(created, offer_draft(contact, marker, hours=4))
    offers.update(created, offer_draft(contact, marker, hours=4), retry_stale=True)
    assert offers.get(created.guid).total_excl_vat == Decimal(4000)
    assert offers.pdf(created.guid).startswith(b"%PDF")
    offers.delete(offers.get(created.guid))
    assert list(offers.list(eq("ExternalReference", marker))) == []
    deleted = {o.guid: o for o in offers.list(contains("Description", marker), deleted_only=True)}
    assert set(deleted) == {created.guid, second.guid}
    assert deleted[created.guid].deleted_at is not None


def test_an_offer_becomes_an_invoice_draft_and_is_then_fixed(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    offers = client.books(org).trade_offers
    contact = customer(client, org)
    offer = offers.create(offer_draft(contact, uuid.uuid4().hex[:10]))
    made = offers.generate_invoice(offer)
    invoice = client.request("GET", f"/v1/{org}/invoices/{made.guid}", organization_id=org)
    assert invoice["ContactGuid"] == contact and invoice["TimeStamp"] == made.timestamp
    assert Decimal(invoice["TotalInclVat"]) == Decimal(2500)
    read = offers.get(offer.guid)
    assert read.status == "Invoiced" and read.has_generated_any_vouchers
    with pytest.raises(DineroError) as refused:
        offers.update(read, offer_draft(contact, "changed"))
    assert refused.value.status == 400


def test_the_async_client_creates_and_lists_offers(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    org = bilag.world.pro_org
    marker = uuid.uuid4().hex[:10]
    with Client(credentials, transport=bilag.transport) as sync:
        contact = customer(sync, org)

    async def create_and_list() -> tuple[str, list[str]]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            offers = sdk.books(org).trade_offers
            created = await offers.create(offer_draft(contact, marker))
            found = [o.guid async for o in offers.list(eq("ExternalReference", marker))]
            return created.guid, found

    guid, found = asyncio.run(create_and_list())
    assert found == [guid]


@pytest.mark.parametrize(
    ("draft", "problem"),
    [
        (TradeOfferDraft(None, []), "ProductLines must hold at least one line"),
        (TradeOfferDraft("not-a-guid", [InvoiceLine.text("x")]), "ContactGuid must be a GUID"),
        (TradeOfferDraft(None, [InvoiceLine("Design", 100, 1)]), "AccountNumber is required"),
        (TradeOfferDraft(None, [InvoiceLine("D", 1, 1, 1000, unit="hrs")]), "Unit is one of"),
        (TradeOfferDraft(None, [InvoiceLine(None, 1, 1, 1000)]), "Description is required"),
        (TradeOfferDraft(None, [InvoiceLine("D", 1, "x", 1000)]), "Quantity must be a number"),
        (TradeOfferDraft(None, [InvoiceLine.text(" ")]), "Description is required on a text"),
        (TradeOfferDraft(None, [InvoiceLine.text("x")], currency="kr"), "Currency"),
        (TradeOfferDraft(None, [InvoiceLine.text("x")], date="1/2/2026"), "Date must be"),
    ],
)
def test_bad_offers_are_refused_before_anything_is_sent(
    client: Client, bilag: Bilag, draft: TradeOfferDraft, problem: str
) -> None:
    offers = client.books(bilag.world.pro_org).trade_offers
    for attempt in (offers.create, offers.fetch):
        with pytest.raises(RequestValidationError) as refused:
            attempt(draft)
        assert any(problem in text for text in refused.value.problems), refused.value.problems
    with pytest.raises(FilterError):
        list(offers.list(eq("TotalInclVat", "100")))
    assert client.counters.calls == 0
