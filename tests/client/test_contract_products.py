"""`books.products` against the real app in process, and the sales drafts that are refused
before anything is sent."""

from __future__ import annotations

import asyncio
import datetime
import uuid
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Books,
    Client,
    DineroError,
    FilterError,
    InvoiceDraft,
    InvoiceLine,
    OAuthCredentials,
    PaymentDraft,
    ProductDraft,
    RequestValidationError,
    SalesCreditNoteDraft,
    contains,
    eq,
)
from tests.client.conftest import Bilag

TODAY = datetime.date.today()


@pytest.fixture
def books(client: Client, bilag: Bilag) -> Books:
    return client.books(bilag.world.pro_org)


def test_products_are_created_found_replaced_and_deleted(books: Books) -> None:
    marker = uuid.uuid4().hex[:8]
    guids = [
        books.products.create(
            ProductDraft(f"{marker} Vare {n}", Decimal("100"), 1000, product_number=f"{marker}{n}")
        )
        for n in range(3)
    ]
    found = list(books.products.list(contains("Name", marker), page_size=2))
    assert sorted(p.guid for p in found) == sorted(guids)
    [second] = books.products.list(search=f"{marker}1")
    assert (second.guid, second.name, second.unit) == (guids[1], f"{marker} Vare 1", "parts")
    product = books.products.get(guids[0])
    assert (product.base_amount, product.base_amount_incl_vat) == (Decimal("100"), Decimal("125"))

    replacement = ProductDraft(f"{marker} Timer", Decimal("650.5"), 1000, 2, "hours")
    replacement.comment = "Pr. time"
    books.products.update(guids[0], replacement)
    updated = books.products.get(guids[0])
    assert (updated.name, updated.quantity, updated.unit, updated.comment) == (
        f"{marker} Timer",
        Decimal("2"),
        "hours",
        "Pr. time",
    )
    assert updated.total_excl_vat == Decimal("1301") and updated.product_number is None

    books.products.delete(guids[2])
    assert books.products.get(guids[2]).deleted_at is not None
    assert guids[2] in {p.guid for p in books.products.list(deleted_only=True)}
    assert guids[2] not in {p.guid for p in books.products.list(contains("Name", marker))}
    with pytest.raises(DineroError) as deleted:
        books.products.update(guids[2], replacement)
    assert deleted.value.status == 400 and deleted.value.code == 65


def test_an_invoice_line_sells_a_product(books: Books) -> None:
    guid = books.products.create(ProductDraft("Abonnement", Decimal("200"), 1000, unit="month"))
    line = InvoiceLine(None, 200, 3, 1000, unit="month", product_guid=guid)
    preview = books.invoices.fetch(InvoiceDraft([line], TODAY))
    assert preview.lines[0].product_guid == guid and preview.total_incl_vat == Decimal("750")


def test_the_async_client_manages_products(bilag: Bilag, credentials: OAuthCredentials) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            products = sdk.books(bilag.world.pro_org).products
            reference = uuid.uuid4().hex
            guid = await products.create(
                ProductDraft("Asynkron vare", 80, 1000, external_reference=reference)
            )
            [found] = [p async for p in products.list(eq("ExternalReference", reference))]
            assert found.guid == guid and found.total_incl_vat == Decimal("100")
            await products.update(guid, ProductDraft("Omdøbt", 80, 1000))
            assert (await products.get(guid)).name == "Omdøbt"
            await products.delete(guid)
            assert guid in {p.guid async for p in products.list(deleted_only=True)}

    asyncio.run(run())


def test_bad_drafts_are_refused_before_anything_is_sent(books: Books, client: Client) -> None:
    calls = client.counters.calls
    bad_line = InvoiceLine("", "ti", 1, None, unit="stk", discount=120)
    draft = InvoiceDraft(
        [bad_line, InvoiceLine.text("")],
        "26-11-2026",
        contact_guid="kunde-1",
        language="de-DE",  # type: ignore[arg-type]
        payment_condition_type="Kontant",  # type: ignore[arg-type]
        payment_condition_days=-1,
    )
    with pytest.raises(RequestValidationError) as refused:
        books.invoices.create(draft)
    problems = refused.value.problems
    for expected in (
        "Date must be a date",
        "ProductLines[0].BaseAmountValue must be a number",
        "ProductLines[0].AccountNumber is required",
        "ProductLines[0].Unit is one of",
        "ProductLines[0].Discount must be from 0 to 100",
        "ProductLines[0].Description is required on a line without a ProductGuid",
        "ProductLines[1].Description is required on a text line",
        "ContactGuid must be a GUID",
        "Language is one of",
        "PaymentConditionType is one of",
        "PaymentConditionNumberOfDays must not be negative",
    ):
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    with pytest.raises(RequestValidationError, match="at least one line"):
        books.sales_credit_notes.fetch(SalesCreditNoteDraft([], TODAY))
    with pytest.raises(RequestValidationError, match="Amount must differ from 0"):
        books.invoices.payments.add(str(uuid.uuid4()), PaymentDraft(0, 55000, "Nul"))
    with pytest.raises(RequestValidationError) as product:
        books.products.create(ProductDraft(" ", "1,5", 1000, unit="stk"))
    assert len(product.value.problems) == 3
    with pytest.raises(TypeError, match="SalesCreditNoteDraft"):
        books.sales_credit_notes.create(InvoiceDraft([], TODAY))  # type: ignore[arg-type]
    with pytest.raises(RequestValidationError, match="statusFilter"):
        list(books.sales.list(statuses=["Betalt"]))
    with pytest.raises(RequestValidationError, match="endDate"):
        list(books.invoices.list(period=(TODAY, TODAY - datetime.timedelta(days=1))))
    with pytest.raises(FilterError, match="cannot filter on Name"):
        list(books.invoices.list(eq("Name", "x")))
    with pytest.raises(RequestValidationError, match="timezone-aware"):
        list(books.products.list(changes_since=datetime.datetime(2026, 1, 1)))
    with pytest.raises(RequestValidationError, match="Number must be 1 or more"):
        books.invoices.book(str(uuid.uuid4()), number=0)
    assert client.counters.calls == calls
