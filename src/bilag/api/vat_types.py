"""VAT types (reference §1.5, §3.3): the same Danish codes for every organization."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.errors import DineroRoute
from bilag.api.ledger_schemas import VatTypeReadModel
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.ledger.vat import VAT_TYPES

router = APIRouter(route_class=DineroRoute, tags=["VatTypes"])
OrganizationId = Annotated[str, Path(alias="organizationId")]

_READ_MODELS: list[dict[str, Any]] = [
    {"VatCode": vat_type.code, "Name": vat_type.name, "VatRate": float(vat_type.rate)}
    for vat_type in VAT_TYPES
]


@router.get(
    "/v1/{organizationId}/vatTypes",
    summary="List vat types",
    responses={200: {"model": list[VatTypeReadModel]}, **ERROR_RESPONSES},
)
def list_vat_types(request: Request, organization_id: OrganizationId) -> Response:
    require_organization(request, organization_id)
    return json_response(_READ_MODELS)
