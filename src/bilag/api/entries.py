"""Entries, the journal's postings (reference §2.2, §3.11, §7.3): the feed for a period of one
accounting year, and the feed of entries recorded in a window of at most 31 days.

Both answer a JSON array streamed from the database in batches, so a year of a million entries
costs no more memory than a few: every check runs before the first byte, and the stream then
owns its own read session (`storage.entry_reads.entry_batches`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response, StreamingResponse

from bilag.api.auth import require_organization
from bilag.api.binding import QueryParameters
from bilag.api.entries_models import (
    CHANGES_PARAMETERS,
    ENTRIES_PARAMETERS,
    JSON_MEDIA_TYPE,
    EntryReadModel,
    as_utc,
    entry_shaper,
    include_primo,
    json_array_stream,
    primo_entries,
    required_moment,
)
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.schemas import ERROR_RESPONSES
from bilag.api.state import api_state
from bilag.ledger.accounts import Account
from bilag.ledger.money import ZERO
from bilag.ledger.reports import RETAINED_EARNINGS_ACCOUNT, is_result_account, opening_balances
from bilag.ledger.years import AccountingYear, get_year_of
from bilag.storage.chart import list_years
from bilag.storage.entry_reads import (
    chart_of,
    dated_entries,
    earliest_dates_recorded,
    entry_batches,
    recorded_entries,
    totals_by_account,
)

router = APIRouter(route_class=DineroRoute, tags=["Entry"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
MAX_CHANGES_WINDOW = timedelta(days=31)


def _docs(summary: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "summary": summary,
        "responses": {200: {"model": list[EntryReadModel]}, **ERROR_RESPONSES},
        "openapi_extra": {"parameters": parameters},
    }


def _period_year(years: Iterable[AccountingYear], first: date, last: date) -> AccountingYear:
    if last < first:
        raise validation_failure({"toDate": "toDate must not be before fromDate."})
    year = get_year_of(list(years), first)
    if year is None:
        message = f"No accounting year contains fromDate {first.isoformat()}."
        raise DineroError(
            ErrorCode.ACCOUNTING_YEAR_NOT_FOUND, message, validation_errors={"fromDate": message}
        )
    if last > year.to_date:
        raise validation_failure(
            {
                "toDate": f"The period cannot cross accounting years: toDate must be at most "
                f"{year.to_date.isoformat()}, the last day of fromDate's year {year.name}."
            }
        )
    return year


@router.get("/v1/{organizationId}/entries", **_docs("List entries", ENTRIES_PARAMETERS))
def list_entries(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    first = required_moment(query, "fromDate")[0].date()
    last = required_moment(query, "toDate")[0].date()
    with_primo = include_primo(query)
    org = access.organization_id
    database = api_state(request).services.database
    with database.read() as session:
        year = _period_year(list_years(session, org), first, last)
        chart = chart_of(session, org)
        head: list[dict[str, Any]] = []
        if with_primo and first <= year.from_date:
            opening = opening_balances(
                totals_by_account(session, org, before=year.from_date), chart
            )
            head = primo_entries(org, year.from_date, opening, _names(chart))
    batches = entry_batches(database, dated_entries(org, first, last))
    stream = json_array_stream(head, batches, entry_shaper(org, _names(chart)))
    return StreamingResponse(stream, media_type=JSON_MEDIA_TYPE)


def _window(query: QueryParameters) -> tuple[datetime, datetime]:
    start = as_utc(required_moment(query, "changesFrom")[0])
    end_moment, whole_day = required_moment(query, "changesTo")
    end = as_utc(end_moment)
    if whole_day:
        end = end + timedelta(days=1) if end < datetime.max - timedelta(days=1) else datetime.max
    if end < start:
        raise validation_failure({"changesTo": "changesTo must not be before changesFrom."})
    if end - start > MAX_CHANGES_WINDOW:
        message = "The window from changesFrom to changesTo can be at most 31 days."
        raise DineroError(
            ErrorCode.LIMIT_EXCEEDED, message, validation_errors={"changesTo": message}
        )
    return start, end


@router.get("/v1/{organizationId}/entries/changes", **_docs("List changes", CHANGES_PARAMETERS))
def list_entry_changes(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    start, end = _window(query)
    with_primo = include_primo(query)
    org = access.organization_id
    database = api_state(request).services.database
    with database.read() as session:
        chart = chart_of(session, org)
        head: list[dict[str, Any]] = []
        if with_primo:
            earliest = earliest_dates_recorded(session, org, start, end)
            for year in list_years(session, org):
                touched = _primo_accounts_touched(earliest, year.from_date, chart)
                if not touched:
                    continue
                before = totals_by_account(session, org, before=year.from_date)
                opening = opening_balances(before, chart)
                now = {account: opening.get(account, ZERO) for account in touched}
                head += primo_entries(org, year.from_date, now, _names(chart))
    batches = entry_batches(database, recorded_entries(org, start, end))
    stream = json_array_stream(head, batches, entry_shaper(org, _names(chart)))
    return StreamingResponse(stream, media_type=JSON_MEDIA_TYPE)


def _primo_accounts_touched(
    earliest: dict[int, date], first_day: date, chart: dict[int, Account]
) -> set[int]:
    """The accounts whose primo for the year starting `first_day` the window's entries changed."""
    return {
        RETAINED_EARNINGS_ACCOUNT if is_result_account(account, chart) else account
        for account, day in earliest.items()
        if day < first_day
    }


def _names(chart: dict[int, Account]) -> dict[int, str]:
    return {number: account.name for number, account in chart.items()}
