"""`books.state_of_account` and `books.attachments` against the real app in process: a
customer's statement as values, as a PDF and as an e-mail, and files bound to sales documents."""

from __future__ import annotations

import asyncio
import datetime
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Attachment,
    Client,
    DineroError,
    InvoiceLine,
    OAuthCredentials,
    RequestValidationError,
    StatementMailDraft,
    TradeOfferDraft,
)
from tests.api.file_samples import PDF
from tests.client.conftest import Bilag
from tests.client.sales_steps import NEW_YEAR, customer, overdue_invoice

UNKNOWN = "00000000-0000-0000-0000-000000000001"


def test_a_customers_state_of_account_is_read_printed_and_mailed(
    client: Client, bilag: Bilag
) -> None:
    from bilag.storage.mailouts import mailouts_of

    org = bilag.world.pro_org
    statements = client.books(org).state_of_account
    contact = customer(client, org)
    invoice = overdue_invoice(client, org, contact=contact)
    statement = statements.get(contact)
    [entry] = statement.entries
    assert (statement.contact_guid, entry.voucher_guid) == (contact, invoice["Guid"])
    assert (entry.amount, entry.balance, statement.balance) == (Decimal(2000),) * 3
    assert entry.voucher_number == str(invoice["Number"]) and entry.date is not None
    assert entry.date.startswith(NEW_YEAR.isoformat())
    later = statements.get(contact, from_date=NEW_YEAR + datetime.timedelta(days=1))
    assert later.entries == () and later.contact_guid == contact
    assert statements.get(contact, to_date=NEW_YEAR, hide_closed=True).entries == (entry,)
    assert statements.pdf(contact, from_date=NEW_YEAR, to_date="2999-12-31").startswith(b"%PDF")
    statements.email(contact, StatementMailDraft(sender="salg@firma.dk", hide_closed=True))
    with bilag.app.state.services.database.read() as session:
        [sent] = mailouts_of(session, org, contact)
    assert (sent.receiver, sent.sender) == ("kunde@example.dk", "salg@firma.dk")
    assert (sent.payload or b"").startswith(b"%PDF")


def test_files_are_bound_renamed_and_removed(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    books = client.books(org)
    offer = books.trade_offers.create(
        TradeOfferDraft(customer(client, org), [InvoiceLine.text("Tilbud")])
    ).guid
    terms = books.files.upload("terms.pdf", PDF, warn=False)
    books.attachments.attach(offer, terms, "Vilkår og betingelser.pdf")
    assert books.attachments.list(offer) == [Attachment(offer, terms, "Vilkår og betingelser.pdf")]
    books.attachments.attach(offer, terms, "Betingelser 2026.pdf")
    assert [a.file_name for a in books.attachments.list(offer)] == ["Betingelser 2026.pdf"]
    books.attachments.remove(offer, terms)
    assert books.attachments.list(offer) == []
    with pytest.raises(DineroError) as missing:
        books.attachments.remove(offer, terms)
    assert missing.value.status == 404


def test_the_defaults_are_bound_by_the_async_client(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    from bilag.storage.document_attachments import set_default_attachments

    org = bilag.world.pro_org
    with Client(credentials, transport=bilag.transport) as sync:
        books = sync.books(org)
        prices = books.files.upload("prices.pdf", PDF, warn=False)
        offer = books.trade_offers.create(
            TradeOfferDraft(customer(sync, org), [InvoiceLine.text("Tilbud")])
        ).guid
    with bilag.app.state.services.database.write() as session:
        set_default_attachments(session, org, "TradeOffer", [(prices, "Priser.pdf")])

    async def bind_and_list() -> list[Attachment]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            attachments = sdk.books(org).attachments
            await attachments.bind_defaults(offer, "TradeOffer")
            return await attachments.list(offer)

    assert asyncio.run(bind_and_list()) == [Attachment(offer, prices, "Priser.pdf")]
    with Client(credentials, transport=bilag.transport) as sync, pytest.raises(DineroError):
        sync.books(org).attachments.bind_defaults(offer, "Invoice")


def test_bad_statements_and_attachments_are_refused_before_sending(
    client: Client, bilag: Bilag
) -> None:
    books = client.books(bilag.world.pro_org)
    refusals = [
        (
            lambda: books.state_of_account.get(
                UNKNOWN, from_date="2026-02-01", to_date="2026-01-01"
            ),
            "before",
        ),
        (lambda: books.state_of_account.pdf("not-a-guid"), "guid must be a GUID"),
        (lambda: books.state_of_account.get(UNKNOWN, from_date="1 Jan"), "from must be a date"),
        (
            lambda: books.state_of_account.email(UNKNOWN, StatementMailDraft(receiver="x")),
            "Receiver",
        ),
        (lambda: books.attachments.attach(UNKNOWN, UNKNOWN, "a/b.pdf"), "plain file name"),
        (lambda: books.attachments.attach(UNKNOWN, UNKNOWN, " "), "must not be empty"),
        (lambda: books.attachments.attach(UNKNOWN, "a/b", "a.pdf"), "fileGuid is a file's id"),
        (lambda: books.attachments.remove(UNKNOWN, "../x"), "fileGuid is a file's id"),
        (lambda: books.attachments.list("invoice-1"), "documentGuid must be a GUID"),
        (lambda: books.attachments.bind_defaults(UNKNOWN, "Offer"), "documentType"),
    ]
    for attempt, problem in refusals:
        with pytest.raises(RequestValidationError) as refused:
            attempt()
        assert any(problem in text for text in refused.value.problems), refused.value.problems
    assert client.counters.calls == 0
