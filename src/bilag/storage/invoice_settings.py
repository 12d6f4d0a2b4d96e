"""An organization's invoice settings, with Dinero's defaults for an organization that never
changed them: Netto 8 days, prices excl. VAT, sales account 1000, the PDF attached to mails, a
reminder fee of 100 kr. (the most Danish law allows), no interest, no FIK and no bank account."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from bilag.storage.models import InvoiceSettings, utcnow


@dataclass(frozen=True)
class InvoiceSettingsValues:
    lines_incl_vat: bool = False
    default_account_number: int = 1000
    payment_condition_type: str = "Netto"
    payment_condition_days: int | None = 8
    reminder_fee: Decimal = Decimal(100)
    reminder_interest_rate: Decimal = Decimal(0)
    add_voucher_as_pdf: bool = True
    trustpilot_email: str | None = None
    fik_creditor_number: str | None = None
    use_fik: bool = False
    bank_reg_number: str | None = None
    bank_account_number: str | None = None
    iban: str | None = None
    bic: str | None = None


_DECIMALS = ("reminder_fee", "reminder_interest_rate")


def get_invoice_settings(session: Session, organization_id: int) -> InvoiceSettingsValues:
    row = session.get(InvoiceSettings, organization_id)
    if row is None:
        return InvoiceSettingsValues()
    values: dict[str, Any] = {
        field.name: getattr(row, field.name) for field in fields(InvoiceSettingsValues)
    }
    for name in _DECIMALS:
        values[name] = Decimal(values[name])
    return InvoiceSettingsValues(**values)


def set_invoice_settings(
    session: Session, organization_id: int, **changes: Any
) -> InvoiceSettingsValues:
    """Change some settings (by field name of `InvoiceSettingsValues`), keeping the others."""
    chosen = replace(get_invoice_settings(session, organization_id), **changes)
    columns: dict[str, Any] = {field.name: getattr(chosen, field.name) for field in fields(chosen)}
    for name in _DECIMALS:
        columns[name] = str(columns[name])
    row = session.get(InvoiceSettings, organization_id)
    if row is None:
        session.add(
            InvoiceSettings(organization_id=organization_id, updated_at=utcnow(), **columns)
        )
    else:
        for name, value in columns.items():
            setattr(row, name, value)
        row.updated_at = utcnow()
    session.flush()
    return chosen
