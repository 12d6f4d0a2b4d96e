"""The year's reports (reference §2.2): saldo (trial balance), result, balance and primo.

`{accountingYear}` is a year's `Name` as `accountingyears` lists it ("2026"). The options, all
query booleans, change the lines as their names say (the logic is `ledger.reports`):
- `showZeroAccount` (false): also list the report's accounts whose amount is zero;
- `showAccountNo` (false): `AccountName` starts with the number, "1000 Salg af varer ...";
- `includeSummaryAccount` (true): a sum line after each category's accounts and the totals;
- `includeLedgerEntries` (false, not on primo): count the ledger's unbooked items as if booked;
- `showVatType` (false): `AccountName` ends with the account's VAT code, "Varekøb (I25)".
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.schemas import ERROR_RESPONSES, WireModel, json_response, query_parameter
from bilag.api.state import api_state
from bilag.ledger.money import ZERO
from bilag.ledger.reports import (
    ReportKind,
    ReportOptions,
    opening_balances,
    report_lines,
    report_totals,
)
from bilag.ledger.years import AccountingYear
from bilag.storage.chart import list_years
from bilag.storage.entry_reads import chart_of, totals_by_account, unbooked_ledger_postings

router = APIRouter(route_class=DineroRoute, tags=["Reports"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
AccountingYearName = Annotated[str, Path(alias="accountingYear")]


class ReportLineModel(WireModel):
    AccountName: str | None = None
    AccountNumber: int
    Amount: float


def _flag(name: str, default: bool, description: str) -> dict[str, Any]:
    return query_parameter(name, {"type": "boolean", "default": default}, description)


FLAGS = {
    "showZeroAccount": _flag("showZeroAccount", False, "Also list accounts with zero amounts."),
    "showAccountNo": _flag("showAccountNo", False, "Start each AccountName with its number."),
    "includeSummaryAccount": _flag(
        "includeSummaryAccount", True, "Add a sum line per category, and the totals."
    ),
    "includeLedgerEntries": _flag(
        "includeLedgerEntries", False, "Count the ledger's unbooked items as if booked."
    ),
    "showVatType": _flag("showVatType", False, "End each AccountName with its VAT code."),
}
SUMMARIES = {
    ReportKind.SALDO: ("Get saldo balance report", "The trial balance at the year's end."),
    ReportKind.RESULT: ("Get result report", "The income statement: income and expenses."),
    ReportKind.BALANCE: ("Get balance report", "The balance sheet at the year's end."),
    ReportKind.PRIMO: ("Get Primo balance report", "The balance the year starts with."),
}


def _find_year(session: Session, organization_id: int, name: str) -> AccountingYear:
    for year in list_years(session, organization_id):
        if year.name == name.strip():
            return year
    message = f"No accounting year named '{name}'; see accountingyears for the names."
    raise DineroError(
        ErrorCode.ACCOUNTING_YEAR_NOT_FOUND, message, validation_errors={"accountingYear": message}
    )


def _options(query: QueryParameters) -> ReportOptions:
    def flag(name: str, default: bool) -> bool:
        found = query.boolean(name)
        return default if found is None else found

    return ReportOptions(
        show_zero_accounts=flag("showZeroAccount", False),
        show_account_numbers=flag("showAccountNo", False),
        include_summary_accounts=flag("includeSummaryAccount", True),
        show_vat_types=flag("showVatType", False),
    )


def _report(request: Request, organization_id: str, year_name: str, kind: ReportKind) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    options = _options(query)
    with_ledger = kind is not ReportKind.PRIMO and bool(query.boolean("includeLedgerEntries"))
    org = access.organization_id
    with api_state(request).services.database.read() as session:
        year = _find_year(session, org, year_name)
        chart = chart_of(session, org)
        opening = opening_balances(totals_by_account(session, org, before=year.from_date), chart)
        period = (year.from_date, year.to_date)
        movements: dict[int, Decimal] = defaultdict(lambda: ZERO)
        movements.update(totals_by_account(session, org, within=period))
        if with_ledger:
            for posting in unbooked_ledger_postings(session, org, *period, chart):
                movements[posting.account] += posting.amount
    totals = report_totals(kind, opening, movements, chart)
    lines = report_lines(kind, totals, chart, options)
    return json_response(
        [
            {
                "AccountName": line.account_name,
                "AccountNumber": line.account_number,
                "Amount": float(line.amount),
            }
            for line in lines
        ]
    )


def _route(kind: ReportKind) -> None:
    summary, description = SUMMARIES[kind]
    names = [
        name for name in FLAGS if kind is not ReportKind.PRIMO or name != "includeLedgerEntries"
    ]

    def serve_report(
        request: Request, organization_id: OrganizationId, accounting_year: AccountingYearName
    ) -> Response:
        return _report(request, organization_id, accounting_year, kind)

    router.add_api_route(
        f"/v1/{{organizationId}}/{{accountingYear}}/reports/{kind.value}",
        serve_report,
        methods=["GET"],
        summary=summary,
        description=description,
        name=f"get_{kind.value}_report",
        responses={200: {"model": list[ReportLineModel]}, **ERROR_RESPONSES},
        openapi_extra={"parameters": [FLAGS[name] for name in names]},
    )


for _kind in ReportKind:
    _route(_kind)
