"""The reports: Kontoplan, Posteringer, Saldobalance, and a year's Resultatopgørelse and Balance
with a bar chart of the result by month. Read-only pages over `web.report_reads`.

Bad query values (a date that is not a date, an unknown year) re-render the page with the
problem named and status 400 or 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.ledger.money import ZERO
from bilag.ledger.reports import SUMMARY_BASE, ReportKind, is_result_account
from bilag.ledger.years import AccountingYear
from bilag.web.forms import Fields, read_query, single
from bilag.web.kassekladde_texts import format_amount
from bilag.web.report_chart import result_chart
from bilag.web.report_reads import (
    EntryPage,
    accounts,
    default_year,
    result_by_month,
    search_entries,
    trial_balance,
    year_report,
    years_of,
)
from bilag.web.report_texts import MONTHS, TEXTS, VOUCHER_TYPES
from bilag.web.security import services_of
from bilag.web.shell import OrgContext, app_page, org_context

router = APIRouter(include_in_schema=False)
REPORTS = "/app/{organization_id}/reports"
PAGE_SIZE = 50


class QueryProblem(ValueError):
    def __init__(self, message: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.status_code = status_code


def _render(
    request: Request, ctx: OrgContext, template: str, key: str, status: int, **context: Any
) -> Response:
    texts = TEXTS[ctx.language]
    return app_page(
        request,
        ctx,
        f"reports/{template}",
        texts=TEXTS,
        active=key,
        title=texts[f"{key}_title"],
        status_code=status,
        money=lambda amount: format_amount(amount, ctx.language),
        **context,
    )


def _database_read(request: Request, read: Any, *args: Any) -> Any:
    with services_of(request).database.read() as session:
        return read(session, *args)


@router.get(REPORTS + "/accounts")
async def chart_of_accounts(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    found = await run_in_threadpool(_database_read, request, accounts, ctx.organization_id)
    chart = {account.number: account for account in found}
    rows = [(account, is_result_account(account.number, chart)) for account in found]
    return _render(request, ctx, "accounts.html", "accounts", 200, rows=rows)


def _date(fields: Fields, name: str, label: str, default: date, language: str) -> date:
    raw = (single(fields, name, max_length=20) or "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise QueryProblem(TEXTS[language]["bad_date"].format(field=label)) from None


@dataclass(frozen=True)
class Period:
    first: date
    last: date


def _period(fields: Fields, years: list[AccountingYear], language: str) -> Period:
    today = datetime.now(UTC).date()
    year = default_year(years, today)
    texts = TEXTS[language]
    first = _date(fields, "from", texts["from"], year.from_date if year else today, language)
    last = _date(fields, "to", texts["to"], year.to_date if year else today, language)
    if last < first:
        raise QueryProblem(texts["bad_order"])
    return Period(first, last)


def _entry_search(fields: Fields, language: str) -> tuple[int | None, str, int]:
    texts = TEXTS[language]
    account_raw = (single(fields, "account", max_length=20) or "").strip()
    if account_raw and not (account_raw.isascii() and account_raw.isdigit()):
        raise QueryProblem(texts["bad_account"])
    page_raw = (single(fields, "page", max_length=9) or "1").strip()
    if not (page_raw.isascii() and page_raw.isdigit()) or int(page_raw) < 1:
        raise QueryProblem(texts["bad_page"])
    text = (single(fields, "text", max_length=200) or "").strip()
    return (int(account_raw) if account_raw else None), text, int(page_raw) - 1


@router.get(REPORTS + "/entries")
async def entries_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = read_query(request)
    org = ctx.organization_id
    years = await run_in_threadpool(_database_read, request, years_of, org)
    chart = await run_in_threadpool(_database_read, request, accounts, org)
    problem, status = "", 200
    found: EntryPage | None = None
    try:
        period = _period(fields, years, ctx.language)
        account, text, page = _entry_search(fields, ctx.language)
    except QueryProblem as bad:
        problem, status = str(bad), bad.status_code
        period, account, text, page = _period({}, years, ctx.language), None, "", 0
    else:

        def search(session: Any) -> EntryPage:
            return search_entries(
                session,
                org,
                first=period.first,
                last=period.last,
                account=account,
                text=text,
                page=page,
                page_size=PAGE_SIZE,
            )

        found = await run_in_threadpool(_database_read, request, search)
    search_query = {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "account": "" if account is None else str(account),
        "text": text,
    }
    return _render(
        request,
        ctx,
        "entries.html",
        "entries",
        status,
        problem=problem,
        found=found,
        query=search_query,
        accounts=chart,
        voucher_types=VOUCHER_TYPES[ctx.language],
    )


@router.get(REPORTS + "/trial-balance")
async def trial_balance_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = read_query(request)
    org = ctx.organization_id
    years = await run_in_threadpool(_database_read, request, years_of, org)
    problem, status = "", 200
    try:
        period = _period(fields, years, ctx.language)
    except QueryProblem as bad:
        problem, status = str(bad), bad.status_code
        period = _period({}, years, ctx.language)
    balances = await run_in_threadpool(
        _database_read, request, trial_balance, org, period.first, period.last
    )
    return _render(
        request,
        ctx,
        "trial_balance.html",
        "trial_balance",
        status,
        problem=problem,
        period=period,
        balances=balances,
        total=sum((balance.amount for balance in balances), ZERO),
    )


async def _year_page(request: Request, organization_id: str, kind: ReportKind) -> Response:
    ctx = await org_context(request, organization_id)
    key = "income_statement" if kind is ReportKind.RESULT else "balance_sheet"
    texts = TEXTS[ctx.language]
    org = ctx.organization_id
    years = await run_in_threadpool(_database_read, request, years_of, org)
    wanted = (single(read_query(request), "year", max_length=20) or "").strip()
    year = default_year(years, datetime.now(UTC).date())
    problem, status = "", 200
    if wanted:
        year = next((y for y in years if y.name == wanted), None)
        if year is None:
            problem, status = texts["bad_year"].format(year=wanted), 404
    lines, chart, months = [], None, []
    if year is not None:
        lines = await run_in_threadpool(_database_read, request, year_report, org, year, kind)
        months = await run_in_threadpool(_database_read, request, result_by_month, org, year)
        labels = [f"{MONTHS[ctx.language][m.month.month - 1]}" for m in months]
        chart = result_chart(months, labels)
    return _render(
        request,
        ctx,
        "year.html",
        key,
        status,
        problem=problem,
        years=years,
        year=year,
        lines=lines,
        summary_base=SUMMARY_BASE,
        chart=chart,
        months=months,
        month_names=MONTHS[ctx.language],
    )


@router.get(REPORTS + "/income-statement")
async def income_statement(request: Request, organization_id: str) -> Response:
    return await _year_page(request, organization_id, ReportKind.RESULT)


@router.get(REPORTS + "/balance-sheet")
async def balance_sheet(request: Request, organization_id: str) -> Response:
    return await _year_page(request, organization_id, ReportKind.BALANCE)
