"""`GET /v1/organizations` and `GET /v1.1/organizations`: the organizations the caller can reach.

A user's token lists the user's organizations; a legacy token bound to one organization lists only
that one. These two endpoints need no Pro and have no organization, so they are not rate limited.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import bindparam, select
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
from bilag.api.state import api_state
from bilag.identity.access import Principal
from bilag.storage.db import Database
from bilag.storage.models import Membership, Organization

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
_OF_USER = RawRead(
    select(*_COLUMNS.values())
    .join(Membership, Membership.organization_id == Organization.id)
    .where(Membership.user_id == bindparam("user_id"))
    .order_by(Organization.id)
)
_BOUND = RawRead(
    select(*_COLUMNS.values())
    .outerjoin(
        Membership,
        (Membership.organization_id == Organization.id)
        & (Membership.user_id == bindparam("user_id")),
    )
    .where(Organization.id == bindparam("organization_id"))
)


def reachable_organizations(database: Database, principal: Principal) -> list[dict[str, Any]]:
    """The organizations as dicts keyed like `_COLUMNS` (plus the caller's role), ordered by id."""
    if principal.organization_id is not None:
        query = _BOUND
    elif principal.user_id is not None:
        query = _OF_USER
    else:
        return []
    parameters = {"user_id": principal.user_id, "organization_id": principal.organization_id}
    organizations = [
        dict(zip(_COLUMNS, row, strict=True)) for row in query.rows(database, parameters)
    ]
    for organization in organizations:
        for flag in _FLAGS:
            organization[flag] = bool(organization[flag])
    return organizations


def _read_model(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "Name": row["name"],
        "Id": row["id"],
        "Type": row["type"],
        "IsPro": row["is_pro"],
        "IsPayingPro": row["is_paying_pro"],
        "IsVatFree": row["is_vat_free"],
        "Email": row["email"],
        "Phone": row["phone"],
        "Street": row["street"],
        "City": row["city"],
        "ZipCode": row["zip_code"],
        "AttPerson": row["att_person"],
        "IsTaxFreeUnion": row["is_tax_free_union"],
        "VatNumber": row["vat_number"],
        "CountryKey": row["country_key"],
        "Website": row["website"],
    }


def _read_model_v2(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "Name": row["name"],
        "Id": row["id"],
        "CompanyTypeKey": row["company_type_key"],
        "IsVatFree": row["is_vat_free"],
        "Email": row["email"],
        "Phone": row["phone"],
        "Street": row["street"],
        "City": row["city"],
        "ZipCode": row["zip_code"],
        "AttPerson": row["att_person"],
        "IsTaxFreeUnion": row["is_tax_free_union"],
        "VatNumber": row["vat_number"],
        "CountryKey": row["country_key"],
        "Website": row["website"],
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
    principal = require_caller(request)
    raw_fields = QueryParameters(request).text("fields")
    selection = select_fields(raw_fields, default=DEFAULT_FIELDS, allowed=ALLOWED_FIELDS)
    rows = reachable_organizations(api_state(request).services.database, principal)
    return json_response(project_all([_read_model(row) for row in rows], selection))


@router.get(
    "/v1.1/organizations",
    summary="List organization",
    responses={200: {"model": list[OrganizationReadModelV2]}, **ERROR_RESPONSES},
)
def list_organizations_v1_1(request: Request) -> Response:
    principal = require_caller(request)
    rows = reachable_organizations(api_state(request).services.database, principal)
    return json_response([_read_model_v2(row) for row in rows])
