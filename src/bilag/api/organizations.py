"""`GET /v1/organizations` and `GET /v1.1/organizations`: the organizations the caller can reach.

A user's token lists the user's organizations; a legacy token bound to one organization lists only
that one. These two endpoints need no Pro and have no organization, so they are not rate limited.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import and_, func, or_
from starlette.responses import Response

from bilag.api.auth import require_caller
from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroRoute
from bilag.api.fields import project_all, select_fields
from bilag.api.raw_reads import RawRead
from bilag.api.schemas import (
    ERROR_RESPONSES,
    OrganizationReadModel,
    OrganizationReadModelV2,
    json_response,
    query_parameter,
)
from bilag.identity.access import live_grant_select
from bilag.storage.models import Grant, Membership, Organization

router = APIRouter(route_class=DineroRoute, tags=["ListOrganizations"])

DEFAULT_FIELDS = "id,name,isPro"
ALLOWED_FIELDS = (
    "Name", "Id", "Type", "IsPro", "IsPayingPro", "IsVatFree", "Email", "Phone", "Street", "City",
    "ZipCode", "AttPerson", "IsTaxFreeUnion", "VatNumber",
)  # fmt: skip

_COLUMNS = {
    "id": Organization.id,
    "name": Organization.name,
    "type": Organization.type,
    "is_pro": Organization.is_pro,
    "is_paying_pro": Organization.is_paying_pro,
    "is_vat_free": Organization.is_vat_free,
    "is_tax_free_union": Organization.is_tax_free_union,
    "email": Organization.email,
    "phone": Organization.phone,
    "street": Organization.street,
    "city": Organization.city,
    "zip_code": Organization.zip_code,
    "att_person": Organization.att_person,
    "vat_number": Organization.vat_number,
    "country_key": Organization.country_key,
    "website": Organization.website,
    "company_type_key": Organization.company_type_key,
    "role_key": Membership.role_key,
}
_FLAGS = ("is_pro", "is_paying_pro", "is_vat_free", "is_tax_free_union")
# The caller's grant, then one row per organization it reaches: a user's memberships, or for a
# legacy token the one organization it is bound to. No organization: a single row of NULLs.
_REACHABLE = RawRead(
    live_grant_select(*_COLUMNS.values())
    .outerjoin(
        Membership,
        and_(
            Membership.user_id == Grant.user_id,
            or_(
                Grant.organization_id.is_(None),
                Membership.organization_id == Grant.organization_id,
            ),
        ),
    )
    .outerjoin(
        Organization,
        Organization.id == func.coalesce(Membership.organization_id, Grant.organization_id),
    )
    .order_by(Organization.id)
)


def _reachable_organizations(request: Request) -> list[dict[str, Any]]:
    """The organizations the caller reaches, as dicts keyed like `_COLUMNS`, ordered by id."""
    _principal, rows = require_caller(request, _REACHABLE)
    organizations = [dict(zip(_COLUMNS, row, strict=True)) for row in rows if row[0] is not None]
    for organization in organizations:
        for flag in _FLAGS:
            organization[flag] = bool(organization[flag])
    return organizations


_SHARED_FIELDS = (
    ("IsVatFree", "is_vat_free"), ("Email", "email"), ("Phone", "phone"), ("Street", "street"),
    ("City", "city"), ("ZipCode", "zip_code"), ("AttPerson", "att_person"),
    ("IsTaxFreeUnion", "is_tax_free_union"), ("VatNumber", "vat_number"),
    ("CountryKey", "country_key"), ("Website", "website"),
)  # fmt: skip


def _shared(row: dict[str, Any]) -> dict[str, Any]:
    """The properties both organization read models have, in Dinero's order."""
    return {wire: row[column] for wire, column in _SHARED_FIELDS}


def _read_model(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "Name": row["name"],
        "Id": row["id"],
        "Type": row["type"],
        "IsPro": row["is_pro"],
        "IsPayingPro": row["is_paying_pro"],
        **_shared(row),
    }


def _read_model_v2(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "Name": row["name"],
        "Id": row["id"],
        "CompanyTypeKey": row["company_type_key"],
        **_shared(row),
        "RoleKey": row["role_key"],
        "Subscription": {
            "HasPro": row["is_pro"],
            "HasPayingPro": row["is_paying_pro"],
            "HasStarterPlus": False,
            "HasTotal": False,
            "HasYfs": False,
        },
    }


_FIELDS_PARAMETER = query_parameter(
    "fields",
    {"type": "string", "default": DEFAULT_FIELDS},
    "A comma separated list of fields to include in the response. Possible values are "
    + ", ".join(ALLOWED_FIELDS)
    + ". Not case sensitive; each property is returned the way you spell it.",
)


@router.get(
    "/v1/organizations",
    summary="List organization",
    responses={200: {"model": list[OrganizationReadModel]}, **ERROR_RESPONSES},
    openapi_extra={"parameters": [_FIELDS_PARAMETER]},
)
def list_organizations(request: Request) -> Response:
    rows = _reachable_organizations(request)
    raw_fields = QueryParameters(request).text("fields")
    selection = select_fields(raw_fields, default=DEFAULT_FIELDS, allowed=ALLOWED_FIELDS)
    return json_response(project_all([_read_model(row) for row in rows], selection))


@router.get(
    "/v1.1/organizations",
    summary="List organization",
    responses={200: {"model": list[OrganizationReadModelV2]}, **ERROR_RESPONSES},
)
def list_organizations_v1_1(request: Request) -> Response:
    rows = _reachable_organizations(request)
    return json_response([_read_model_v2(row) for row in rows])
