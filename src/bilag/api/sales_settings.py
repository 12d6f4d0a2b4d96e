"""`GET /v1/{organizationId}/sales/settings`: the organization's default invoice settings.

bilag has no invoice settings to edit yet, so every organization gets the same defaults: payment
Netto 8 days (what a new contact gets), prices excluding VAT, sales account 1000, no FIK code, the
invoice attached as PDF to mails, a reminder fee of 100 kr. (the most Danish law allows) and no
reminder interest. Currency (DKK) and language (Danish) are not part of Dinero's model.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.contact_records import DEFAULT_PAYMENT_CONDITION
from bilag.api.errors import DineroRoute
from bilag.api.schemas import ERROR_RESPONSES, SalesVoucherSetttingsModel, json_response

router = APIRouter(route_class=DineroRoute, tags=["SalesSettings"])
OrganizationId = Annotated[str, Path(alias="organizationId")]

DEFAULT_SALES_SETTINGS: dict[str, Any] = {
    "LinesInclVat": False,
    "FikCode": None,
    "UseFikCode": False,
    "DefaultAccountNumber": 1000,
    "InvoiceTemplateId": None,
    "AddVoucherAsPdfAttachment": True,
    "ReminderFee": 100.0,
    "ReminderInterestRate": 0.0,
    "TrustPilotEmail": None,
    "PaymentConditionNumberOfDays": DEFAULT_PAYMENT_CONDITION[1],
    "PaymentConditionType": DEFAULT_PAYMENT_CONDITION[0],
}


@router.get(
    "/v1/{organizationId}/sales/settings",
    summary="Get default settings",
    responses={200: {"model": SalesVoucherSetttingsModel}, **ERROR_RESPONSES},
)
def read_sales_settings(request: Request, organization_id: OrganizationId) -> Response:
    require_organization(request, organization_id)
    return json_response(DEFAULT_SALES_SETTINGS)
