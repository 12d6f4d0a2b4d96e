"""VAT types, accounting years, the year's reports, webhooks, and creating accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilag.client import _settings_calls as calls
from bilag.client._settings_drafts import (
    DepositAccountDraft,
    EntryAccountDraft,
    WebhookSubscriptionDraft,
)
from bilag.client._settings_models import (
    AccountingYear,
    ReportLine,
    VatType,
    WebhookEvent,
    WebhookSubscription,
)

if TYPE_CHECKING:
    from bilag.client._async_client import AsyncClient


class AsyncMixin:
    """Methods added to a resource of `_async_resources.py`, which sets these two."""

    _client: AsyncClient
    _org: int


class AsyncPart(AsyncMixin):
    """A resource of `books` of its own."""

    def __init__(self, client: AsyncClient, organization_id: int) -> None:
        self._client = client
        self._org = organization_id


class AsyncAccountCreation(AsyncMixin):
    """`books.accounts`: adding to the chart of accounts."""

    async def create_entry_account(self, draft: EntryAccountDraft) -> None:
        await self._client.execute(calls.create_entry_account(self._org, draft))

    async def create_deposit_account(self, draft: DepositAccountDraft) -> None:
        await self._client.execute(calls.create_deposit_account(self._org, draft))


class AsyncVatTypes(AsyncPart):
    async def list(self) -> list[VatType]:
        return await self._client.execute(calls.vat_types(self._org))


class AsyncAccountingYears(AsyncPart):
    async def list(self) -> list[AccountingYear]:
        return await self._client.execute(calls.accounting_years(self._org))

    async def create_current_year(self) -> AccountingYear:
        """Create the year containing today (BETA in Dinero); the year before must exist."""
        return await self._client.execute(calls.create_current_year(self._org))


class AsyncReports(AsyncPart):
    """The year's reports; `accounting_year` is a year's name ("2026") or an `AccountingYear`.

    `show_zero_accounts` lists accounts at zero too, `show_account_numbers` starts each name with
    the number, `include_summary_accounts` adds a sum per category and the totals, and
    `include_ledger_entries` counts the kassekladde's unbooked items as if booked."""

    async def saldo(
        self,
        accounting_year: AccountingYear | str | int,
        *,
        show_zero_accounts: bool = False,
        show_account_numbers: bool = False,
        include_summary_accounts: bool = True,
        include_ledger_entries: bool = False,
        show_vat_types: bool = False,
    ) -> list[ReportLine]:
        """The trial balance at the year's end."""
        return await self._report(
            "saldo",
            accounting_year,
            show_zero_accounts,
            show_account_numbers,
            include_summary_accounts,
            include_ledger_entries,
            show_vat_types,
        )

    async def result(
        self,
        accounting_year: AccountingYear | str | int,
        *,
        show_zero_accounts: bool = False,
        show_account_numbers: bool = False,
        include_summary_accounts: bool = True,
        include_ledger_entries: bool = False,
        show_vat_types: bool = False,
    ) -> list[ReportLine]:
        """The income statement: income and expenses."""
        return await self._report(
            "result",
            accounting_year,
            show_zero_accounts,
            show_account_numbers,
            include_summary_accounts,
            include_ledger_entries,
            show_vat_types,
        )

    async def balance(
        self,
        accounting_year: AccountingYear | str | int,
        *,
        show_zero_accounts: bool = False,
        show_account_numbers: bool = False,
        include_summary_accounts: bool = True,
        include_ledger_entries: bool = False,
        show_vat_types: bool = False,
    ) -> list[ReportLine]:
        """The balance sheet at the year's end."""
        return await self._report(
            "balance",
            accounting_year,
            show_zero_accounts,
            show_account_numbers,
            include_summary_accounts,
            include_ledger_entries,
            show_vat_types,
        )

    async def primo(
        self,
        accounting_year: AccountingYear | str | int,
        *,
        show_zero_accounts: bool = False,
        show_account_numbers: bool = False,
        include_summary_accounts: bool = True,
        show_vat_types: bool = False,
    ) -> list[ReportLine]:
        """The balance the year starts with."""
        return await self._report(
            "primo",
            accounting_year,
            show_zero_accounts,
            show_account_numbers,
            include_summary_accounts,
            False,
            show_vat_types,
        )

    async def _report(
        self,
        kind: calls.Report,
        year: AccountingYear | str | int,
        zero: bool,
        numbers: bool,
        summary: bool,
        ledger: bool,
        vat: bool,
    ) -> list[ReportLine]:
        name = year.name if isinstance(year, AccountingYear) else year
        call = calls.report(
            self._org,
            kind,
            name,
            show_zero_accounts=zero,
            show_account_numbers=numbers,
            include_summary_accounts=summary,
            include_ledger_entries=ledger,
            show_vat_types=vat,
        )
        return await self._client.execute(call)


class AsyncWebhooks(AsyncPart):
    """Deliveries go to `uri`, signed with the secret that `subscribe` answers (only there)."""

    async def subscribe(self, event_id: str, uri: str) -> WebhookSubscription:
        """Subscribe this app to `event_id`; again, it re-points it and renews the secret."""
        draft = WebhookSubscriptionDraft(event_id, uri)
        return await self._client.execute(calls.subscribe_webhook(self._org, draft))

    async def unsubscribe(self, event_id: str) -> bool:
        """Whether there was a subscription to end."""
        return await self._client.execute(calls.unsubscribe_webhook(self._org, event_id))

    async def subscriptions(self) -> list[WebhookSubscription]:
        return await self._client.execute(calls.webhook_subscriptions(self._org))

    async def events(self) -> list[WebhookEvent]:
        return await self._client.execute(calls.webhook_events(self._org))
