"""Accounting years (reference §2.2, §3.3, §7.3): the list, and the BETA create-current-year."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.errors import DineroRoute
from bilag.api.ledger_errors import ledger_failure
from bilag.api.ledger_schemas import AccountingYearReadModel
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.errors import LedgerError
from bilag.ledger.years import current_year_to_create
from bilag.storage import chart
from bilag.storage.models import ledger as rows

router = APIRouter(route_class=DineroRoute, tags=["AccountingYears"])
OrganizationId = Annotated[str, Path(alias="organizationId")]


def read_model(row: rows.AccountingYear) -> dict[str, Any]:
    return {
        "Name": row.name,
        "FromDate": row.from_date.isoformat(),
        "ToDate": row.to_date.isoformat(),
        "SalarySumTaxStateEnum": row.salary_sum_tax_state,
    }


@router.get(
    "/v1/{organizationId}/accountingyears",
    summary="List Accounting years",
    responses={200: {"model": list[AccountingYearReadModel]}, **ERROR_RESPONSES},
)
def list_accounting_years(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        found = [read_model(row) for row in chart.list_year_rows(session, access.organization_id)]
    return json_response(found)


@router.post(
    "/v1/{organizationId}/accountingyears/create-current-year",
    summary="Create the current accounting year (BETA)",
    description="Creates the year containing today, if it does not exist and the year before "
    "it does. Answers with the year created.",
    responses={200: {"model": AccountingYearReadModel}, **ERROR_RESPONSES},
)
def create_current_year(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    today = datetime.now(UTC).date()
    with api_state(request).services.database.write() as session:
        try:
            year = current_year_to_create(chart.list_years(session, access.organization_id), today)
            chart.add_year(session, access.organization_id, year)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        created = chart.year_row(access.organization_id, year)
    return json_response(read_model(created))
