"""Countries, VAT types, accounting years, webhooks and new accounts against the real app."""

from __future__ import annotations

import asyncio
import datetime
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import delete, select

from bilag.client import (
    AsyncClient,
    Client,
    DepositAccountDraft,
    DineroError,
    EntryAccountDraft,
    OAuthCredentials,
    RequestValidationError,
)
from bilag.identity.organizations import add_member, create_organization
from bilag.storage.models.ledger import AccountingYear
from bilag.storage.models.organizations import User
from tests.client.conftest import Bilag


def test_countries_and_vat_types(client: Client, bilag: Bilag) -> None:
    countries = {country.key: country for country in client.countries()}
    assert countries["DK"].danish_name == "Danmark" and countries["DE"].english_name == "Germany"
    vat_types = {vat.vat_code: vat for vat in client.books(bilag.world.pro_org).vat_types.list()}
    assert vat_types["I25"].vat_rate == Decimal("0.25")
    assert vat_types["U25"].name


def _organization_without_years(bilag: Bilag) -> int:
    """A new Pro organization of Alice's; a new one is seeded with the current year."""
    with bilag.app.state.services.database.write() as session:
        alice = session.scalars(select(User).where(User.email == bilag.world.alice_email)).one()
        organization = create_organization(session, name="Nystartet ApS", is_pro=True)
        add_member(session, user=alice, organization=organization)
        session.execute(
            delete(AccountingYear).where(AccountingYear.organization_id == organization.id)
        )
        return organization.id


def test_the_current_year_is_created_once(client: Client, bilag: Bilag) -> None:
    years = client.books(_organization_without_years(bilag)).accounting_years
    today = datetime.date.today()
    assert years.list() == []
    created = years.create_current_year()
    assert created.from_date <= today.isoformat() <= created.to_date
    assert created.name == created.from_date[:4] and created.to_date[5:] == "12-31"
    assert years.list() == [created]
    with pytest.raises(DineroError) as again:
        years.create_current_year()
    assert again.value.status == 400 and "exists" in str(again.value)


def test_accounts_are_added_to_the_chart(client: Client, bilag: Bilag) -> None:
    accounts = client.books(bilag.world.pro_org).accounts
    accounts.create_entry_account(EntryAccountDraft(1097, "Salg af kurser", "U25"))
    accounts.create_deposit_account(
        DepositAccountDraft(55097, "Opsparing", registration_number="1234", account_number="987")
    )
    entry = {a.account_number: a for a in accounts.entry()}
    assert entry[1097].name == "Salg af kurser"
    deposit = {a.account_number: a for a in accounts.deposit()}
    assert deposit[55097].name == "Opsparing"
    with pytest.raises(DineroError) as taken:
        accounts.create_entry_account(EntryAccountDraft(1097, "Igen", "U25"))
    assert taken.value.status == 400


def test_bad_accounts_are_refused_before_anything_is_sent(client: Client, bilag: Bilag) -> None:
    accounts = client.books(bilag.world.pro_org).accounts
    with pytest.raises(RequestValidationError) as entry:
        accounts.create_entry_account(EntryAccountDraft(0, " ", ""))
    assert {p.split(" ")[0] for p in entry.value.problems} == {"Number", "Name", "VatCode"}
    with pytest.raises(RequestValidationError, match="IbanNumber"):
        accounts.create_deposit_account(DepositAccountDraft(55098, "Bank", iban_number="x" * 41))
    assert client.counters.calls == 0


def test_countries_vat_types_and_years_are_read_async(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            assert "Grønland" in {country.danish_name for country in await sdk.countries()}
            books = sdk.books(bilag.world.pro_org)
            assert "I25" in {vat.vat_code for vat in await books.vat_types.list()}
            today = datetime.date.today().isoformat()
            years = await books.accounting_years.list()
            assert [y for y in years if y.from_date <= today <= y.to_date]

    asyncio.run(run())


def test_webhooks_are_subscribed_listed_and_ended(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            hooks = sdk.books(bilag.world.pro_org).webhooks
            events = {event.event_id for event in await hooks.events()}
            assert "ContactChanged" in events
            first = await hooks.subscribe("ContactChanged", "https://example.com/hooks")
            assert first.secret and first.uri == "https://example.com/hooks"
            again = await hooks.subscribe("ContactChanged", "https://example.com/other")
            assert again.secret != first.secret
            [listed] = await hooks.subscriptions()
            assert (listed.event_id, listed.uri, listed.secret) == (
                "ContactChanged",
                "https://example.com/other",
                None,
            )
            assert await hooks.unsubscribe("ContactChanged") is True
            assert await hooks.unsubscribe("ContactChanged") is False
            assert await hooks.subscriptions() == []
            with pytest.raises(DineroError) as unknown:
                await hooks.subscribe("NoSuchEvent", "https://example.com/hooks")
            assert unknown.value.status == 400 and "EventId" in unknown.value.validation_errors
            with pytest.raises(RequestValidationError, match="absolute http"):
                await hooks.subscribe("ContactChanged", "ftp://example.com/x")
            assert sdk.counters.errors_by_status == {400: 1}

    asyncio.run(run())
