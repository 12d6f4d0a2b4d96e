"""The sales lists (reference §2.5, §2.7): `/invoices`, `/sales/creditnotes` and `/sales` (both),
with `startDate`/`endDate`, `statusFilter`, `freeTextSearch`, `queryFilter`, `changesSince`,
`deletedOnly`, paging, `sort` and `sortOrder`, and `fields` projecting each
`SalesVoucherReadListModel`. Also the invoice templates.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.fields import project_all, select_fields
from bilag.api.filters import FilterKind, filter_clauses, parse_filter
from bilag.api.listing import parse_changes_since
from bilag.api.manual_voucher_models import parse_date
from bilag.api.paging import envelope, paging_from_query
from bilag.api.sales_content import DEFAULT_TEMPLATE_ID
from bilag.api.sales_read_models import list_row
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE
from bilag.storage.sales_listing import STATUS_ORDER, SalesQuery, list_sales

router = APIRouter(route_class=DineroRoute, tags=["Sales"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
FIELDS = (
    "Number",
    "Guid",
    "ExternalReference",
    "ContactName",
    "ContactGuid",
    "Date",
    "PaymentDate",
    "Description",
    "Currency",
    "Status",
    "MailOutStatus",
    "LatestMailOutType",
    "TotalExclVatInDkk",
    "TotalInclVatInDkk",
    "TotalExclVat",
    "TotalInclVat",
    "CreatedAt",
    "UpdatedAt",
    "DeletedAt",
)
FILTERABLE: dict[str, FilterKind] = {
    "ExternalReference": "text",
    "ContactGuid": "text",
    "Description": "text",
}
SORTABLE = ("VoucherNumber", "VoucherDate", "Status", "Contact")
_COLUMNS = {
    "ExternalReference": SalesDocument.external_reference,
    "ContactGuid": SalesDocument.contact_guid,
    "Description": SalesDocument.description,
}


def _failure(name: str, message: str) -> DineroError:
    return DineroError(ErrorCode.INVALID_REQUEST, message, 400, {name: message})


def _period(query: QueryParameters) -> tuple[date, date] | None:
    start = parse_date(query.text("startDate"), "startDate")
    end = parse_date(query.text("endDate"), "endDate")
    if (start is None) != (end is None):
        raise _failure("startDate", "startDate and endDate must be given together.")
    if start is None or end is None:
        return None
    if end < start:
        raise _failure("endDate", "endDate must not be before startDate.")
    return start, end


def _statuses(raw: str | None) -> tuple[str, ...]:
    canonical = {status.lower(): status for status in STATUS_ORDER}
    wanted = [part.strip() for part in (raw or "").split(",") if part.strip()]
    unknown = [part for part in wanted if part.lower() not in canonical]
    if unknown:
        message = (
            f"Unknown status(es) {', '.join(unknown)} in statusFilter. "
            f"Allowed: {', '.join(STATUS_ORDER)}."
        )
        raise _failure("statusFilter", message)
    return tuple(canonical[part.lower()] for part in wanted)


def _sort(query: QueryParameters) -> tuple[tuple[str, ...], bool]:
    canonical = {name.lower(): name for name in SORTABLE}
    raw = query.text("sort") or "VoucherNumber,VoucherDate"
    names = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [name for name in names if name.lower() not in canonical]
    if unknown:
        message = f"Unknown sort field(s) {', '.join(unknown)}. Allowed: {', '.join(SORTABLE)}."
        raise _failure("sort", message)
    order = (query.text("sortOrder") or "descending").lower()
    if order not in ("ascending", "descending"):
        raise _failure("sortOrder", f"sortOrder must be ascending or descending, not '{order}'.")
    return tuple(canonical[name.lower()] for name in names), order == "descending"


def _list(
    request: Request, organization_id: str, kinds: tuple[str, ...], default_fields: str
) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    allowed = (*FIELDS, "Type")
    selection = select_fields(query.text("fields"), default=default_fields, allowed=allowed)
    terms = parse_filter(query.raw("queryFilter"), FILTERABLE)
    paging = paging_from_query(query)
    sort, descending = _sort(query)
    sales_query = SalesQuery(
        kinds=kinds,
        conditions=filter_clauses(terms, _COLUMNS),
        statuses=_statuses(query.text("statusFilter")),
        period=_period(query),
        free_text=query.text("freeTextSearch"),
        changes_since=parse_changes_since(query.text("changesSince")),
        deleted_only=bool(query.boolean("deletedOnly")),
        sort=sort,
        descending=descending,
        offset=paging.offset,
        limit=paging.limit,
    )
    with api_state(request).services.database.read() as session:
        rows, matching = list_sales(session, access.organization_id, sales_query)
        items = [list_row(row.document, row.contact_name, row.status) for row in rows]
    return json_response(envelope(project_all(items, selection), paging, matching))


@router.get("/v1/{organizationId}/invoices", summary="List invoices", **DOCS)
def list_invoices(request: Request, organization_id: OrganizationId) -> Response:
    return _list(request, organization_id, (INVOICE,), "Guid,ContactName,Date,Description")


@router.get("/v1/{organizationId}/sales/creditnotes", summary="List sales credit notes", **DOCS)
def list_credit_notes(request: Request, organization_id: OrganizationId) -> Response:
    default = "Guid,ContactName,Date,Description,Type"
    return _list(request, organization_id, (CREDIT_NOTE,), default)


@router.get("/v1/{organizationId}/sales", summary="List invoices and credit notes", **DOCS)
def list_all_sales(request: Request, organization_id: OrganizationId) -> Response:
    default = "Guid,ContactName,Date,Description,Type"
    return _list(request, organization_id, (INVOICE, CREDIT_NOTE), default)


DEFAULT_TEMPLATE: dict[str, Any] = {
    "Id": DEFAULT_TEMPLATE_ID,
    "Name": "Standard",
    "IsDefault": True,
    "Theme": "Standard",
    "PrimaryColor": "#1F4E79",
    "SecondaryColor": "#E8EEF4",
    "AddressPlacement": "Left",
    "Font": "Helvetica",
    "LogoType": "Letters",
    "LogoText": None,
    "LogoFileGuid": None,
    "MaxImageWidthMm": 60,
    "ShowCompanyInfo": True,
    "ShowPaymentConditions": True,
    "ShowLogo": False,
    "ShowLineQuantity": True,
    "ShowLineUnit": True,
    "ImageFileUploadGuid": None,
    "ImageTextColor": None,
}


@router.get("/v1/{organizationId}/invoices/templates", summary="List invoice templates", **DOCS)
def list_invoice_templates(request: Request, organization_id: OrganizationId) -> Response:
    require_organization(request, organization_id)
    return json_response([DEFAULT_TEMPLATE])
