"""`GET /v1/{organizationId}/sales/settings`: the organization's invoice settings
("Indstillinger > Fakturaindstillinger"; `storage.invoice_settings` holds them and their defaults).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.errors import DineroRoute
from bilag.api.schemas import ERROR_RESPONSES, SalesVoucherSetttingsModel, json_response
from bilag.api.state import api_state
from bilag.storage.invoice_settings import InvoiceSettingsValues, get_invoice_settings

router = APIRouter(route_class=DineroRoute, tags=["SalesSettings"])
OrganizationId = Annotated[str, Path(alias="organizationId")]


def settings_model(settings: InvoiceSettingsValues) -> dict[str, Any]:
    """`SalesVoucherSetttingsModel` (sic)."""
    return {
        "LinesInclVat": settings.lines_incl_vat,
        "FikCode": settings.fik_creditor_number,
        "UseFikCode": settings.use_fik and settings.fik_creditor_number is not None,
        "DefaultAccountNumber": settings.default_account_number,
        "InvoiceTemplateId": None,
        "AddVoucherAsPdfAttachment": settings.add_voucher_as_pdf,
        "ReminderFee": float(settings.reminder_fee),
        "ReminderInterestRate": float(settings.reminder_interest_rate),
        "TrustPilotEmail": settings.trustpilot_email,
        "PaymentConditionNumberOfDays": settings.payment_condition_days,
        "PaymentConditionType": settings.payment_condition_type,
    }


@router.get(
    "/v1/{organizationId}/sales/settings",
    summary="Get default settings",
    responses={200: {"model": SalesVoucherSetttingsModel}, **ERROR_RESPONSES},
)
def read_sales_settings(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        settings = get_invoice_settings(session, access.organization_id)
    return json_response(settings_model(settings))
