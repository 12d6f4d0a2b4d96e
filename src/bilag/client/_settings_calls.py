"""Reference data, the chart of accounts, the year's reports and webhooks as `Call` values."""

from __future__ import annotations

from typing import Any, Literal

from bilag.client._base import Call
from bilag.client._calls import _many, _nothing
from bilag.client._drafts import require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._settings_drafts import (
    DepositAccountDraft,
    EntryAccountDraft,
    WebhookSubscriptionDraft,
)
from bilag.client._settings_models import (
    AccountingYear,
    Country,
    ReportLine,
    VatType,
    WebhookEvent,
    WebhookSubscription,
)

Report = Literal["saldo", "result", "balance", "primo"]
REPORTS = ("saldo", "result", "balance", "primo")


def countries() -> Call[list[Country]]:
    return Call("GET", "/v1/countries", _many(Country.from_wire))


def vat_types(org: int) -> Call[list[VatType]]:
    return Call("GET", f"/v1/{org}/vatTypes", _many(VatType.from_wire), org)


def accounting_years(org: int) -> Call[list[AccountingYear]]:
    return Call("GET", f"/v1/{org}/accountingyears", _many(AccountingYear.from_wire), org)


def create_current_year(org: int) -> Call[AccountingYear]:
    path = f"/v1/{org}/accountingyears/create-current-year"
    return Call("POST", path, AccountingYear.from_wire, org)


def create_entry_account(org: int, draft: EntryAccountDraft) -> Call[None]:
    require_valid(draft)
    return Call("POST", f"/v1/{org}/accounts/entry", _nothing, org, body=draft.to_wire())


def create_deposit_account(org: int, draft: DepositAccountDraft) -> Call[None]:
    require_valid(draft)
    return Call("POST", f"/v1/{org}/accounts/deposit", _nothing, org, body=draft.to_wire())


def _flag(value: bool) -> str:
    return "true" if value else "false"


def report(
    org: int,
    kind: Report,
    accounting_year: str | int,
    *,
    show_zero_accounts: bool = False,
    show_account_numbers: bool = False,
    include_summary_accounts: bool = True,
    include_ledger_entries: bool = False,
    show_vat_types: bool = False,
) -> Call[list[ReportLine]]:
    """One of the year's reports; `accounting_year` is a year's name, as `accounting_years` says."""
    year = str(accounting_year).strip()
    problems = [] if year and "/" not in year else [f"not an accounting year: {accounting_year!r}"]
    if kind not in REPORTS:
        problems.append(f"reports are {', '.join(REPORTS)}, not {kind!r}")
    if problems:
        raise RequestValidationError(problems)
    params = {
        "showZeroAccount": _flag(show_zero_accounts),
        "showAccountNo": _flag(show_account_numbers),
        "includeSummaryAccount": _flag(include_summary_accounts),
        "showVatType": _flag(show_vat_types),
    }
    if kind != "primo":
        params["includeLedgerEntries"] = _flag(include_ledger_entries)
    path = f"/v1/{org}/{year}/reports/{kind}"
    return Call("GET", path, _many(ReportLine.from_wire), org, params)


# Webhooks


def subscribe_webhook(org: int, draft: WebhookSubscriptionDraft) -> Call[WebhookSubscription]:
    require_valid(draft)
    path = f"/v1/{org}/webhooks/subscribe"
    return Call("POST", path, WebhookSubscription.from_wire, org, body=draft.to_wire())


def _was_subscribed(payload: Any) -> bool:
    return isinstance(payload, dict) and bool(payload.get("WasSubscribed"))


def unsubscribe_webhook(org: int, event_id: str) -> Call[bool]:
    if not isinstance(event_id, str) or not event_id:
        raise RequestValidationError(["EventId is required"])
    body = {"EventId": event_id}
    return Call("DELETE", f"/v1/{org}/webhooks/unsubscribe", _was_subscribed, org, body=body)


def webhook_subscriptions(org: int) -> Call[list[WebhookSubscription]]:
    read = _many(WebhookSubscription.from_wire)
    return Call("GET", f"/v1/{org}/webhooks/subscriptions", read, org)


def webhook_events(org: int) -> Call[list[WebhookEvent]]:
    return Call("GET", f"/v1/{org}/webhooks/events", _many(WebhookEvent.from_wire), org)
