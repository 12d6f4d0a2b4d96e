"""The read shapes of invoices, sales credit notes and trade offers (reference §3.5, §3.6):
`InvoiceReadModel`, `SalesCreditNoteReadModel`, the fetch previews, the `TotalLine`s, and the
list rows (`SalesVoucherReadListModel`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bilag.api.contact_records import wire_time
from bilag.ledger.money import from_ore
from bilag.ledger.sales import PRODUCT, PricedLine, SalesTotals
from bilag.ledger.sales_payments import DRAFT, sales_payment_status
from bilag.storage.journal import BOOKED
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, totals_of

# What Dinero shows as the Number of an unbooked draft (observed in real fixtures, §3.5).
DRAFT_NUMBER = 9223372036854775807
_LABELS = {
    "da-DK": {"SubTotal": "Subtotal", "Vat": "Moms", "WithVat": "Momspligtigt beløb"},
    "en-GB": {"SubTotal": "Subtotal", "Vat": "VAT", "WithVat": "Amount subject to VAT"},
}
_WITHOUT_VAT = {"da-DK": "Momsfrit beløb", "en-GB": "Amount exempt from VAT"}
TYPES = {INVOICE: "Invoice", CREDIT_NOTE: "CreditNote"}


def money(amount: Decimal) -> float:
    return float(amount)


def total_lines(totals: SalesTotals, currency: str, language: str) -> list[dict[str, Any]]:
    """Subtotal, the VAT-able and VAT-free parts when the document has both, VAT, and total."""
    labels = _LABELS.get(language, _LABELS["da-DK"])
    rows: list[tuple[str, str, Decimal]] = [("SubTotal", labels["SubTotal"], totals.excl_vat)]
    if totals.vatable and totals.non_vatable:
        rows.append(("SubTotalWithVat", labels["WithVat"], totals.vatable))
        rows.append(("SubTotalWithoutVat", _WITHOUT_VAT[language], totals.non_vatable))
    rows.append(("Vat", f"{labels['Vat']} (25%)", totals.vat))
    rows.append(("Total", f"Total {currency}", totals.incl_vat))
    return [
        {"Type": kind, "TotalAmount": money(amount), "Position": index, "Label": label}
        for index, (kind, label, amount) in enumerate(rows)
    ]


def line_read_model(priced: PricedLine) -> dict[str, Any]:
    """A line as priced; `AccountName` is the account's name when the line was priced."""
    line = priced.line
    is_product = line.line_type == PRODUCT
    return {
        "AccountName": priced.account_name,
        "BaseAmountValue": money(priced.base_excl_vat) if is_product else 0.0,
        "BaseAmountValueInclVat": money(priced.base_incl_vat),
        "TotalAmount": money(priced.total_excl_vat),
        "TotalAmountInclVat": money(priced.total_incl_vat),
        "ProductGuid": line.product_guid,
        "Description": line.description,
        "Comments": line.comments,
        "Quantity": money(line.quantity) if is_product else 0.0,
        "AccountNumber": line.account or 0,
        "Unit": line.unit,
        "Discount": money(line.discount),
        "LineType": line.line_type,
    }


def totals_read_model(totals: SalesTotals, currency: str, language: str) -> dict[str, Any]:
    return {
        "TotalExclVat": money(totals.excl_vat),
        "TotalVatableAmount": money(totals.vatable),
        "TotalInclVat": money(totals.incl_vat),
        "TotalNonVatableAmount": money(totals.non_vatable),
        "TotalVat": money(totals.vat),
        "TotalLines": total_lines(totals, currency, language),
    }


def payment_status(
    document: SalesDocument, paid: Decimal, today: date, charges: Decimal = Decimal(0)
) -> str:
    """`charges`: what the invoice's booked reminders add to what is owed."""
    if document.status != BOOKED:
        return DRAFT
    total = from_ore(document.total_incl_vat_ore) + charges
    due = document.payment_date if document.kind == INVOICE else None
    return sales_payment_status(total, paid, due, today)


def document_read_model(
    document: SalesDocument,
    contact_name: str | None,
    paid: Decimal,
    today: date,
    charges: Decimal = Decimal(0),
) -> dict[str, Any]:
    """An invoice's `InvoiceReadModel` or a credit note's `SalesCreditNoteReadModel`."""
    totals = totals_of(document)
    model: dict[str, Any] = {
        "PaymentStatus": payment_status(document, paid, today, charges),
        "MailOutStatus": document.mailout_status,
        "LatestMailOutType": document.latest_mailout_type or "None",
        "Status": "Booked" if document.status == BOOKED else "Draft",
        "ContactGuid": document.contact_guid,
        "Guid": document.guid,
        "TimeStamp": document.timestamp,
        "CreatedAt": wire_time(document.created_at),
        "UpdatedAt": wire_time(document.updated_at),
        "DeletedAt": wire_time(document.deleted_at),
        "Number": document.number if document.number is not None else DRAFT_NUMBER,
        "ContactName": contact_name,
        "ShowLinesInclVat": document.show_lines_incl_vat,
        **totals_read_model(totals, document.currency, document.language),
        "InvoiceTemplateId": document.invoice_template_id,
        "Currency": document.currency,
        "Language": document.language,
        "ExternalReference": document.external_reference,
        "Description": document.description,
        "Comment": document.comment,
        "Date": document.document_date.isoformat(),
        "ProductLines": [line_read_model(line) for line in totals.lines],
        "Address": document.address,
    }
    if document.kind == CREDIT_NOTE:
        model["CreditNoteFor"] = document.credit_note_for
        return model
    model.update(
        {
            "PaymentDate": None if document.payment_date is None else str(document.payment_date),
            "PaymentConditionNumberOfDays": document.payment_condition_days or 0,
            "PaymentConditionType": document.payment_condition_type,
            "FikCode": None,
            "DepositAccountNumber": None,
            "IsSentToDebtCollection": document.is_sent_to_debt_collection,
            "IsMobilePayInvoiceEnabled": document.is_mobilepay_enabled,
            "IsPensoPayEnabled": document.is_pensopay_enabled,
        }
    )
    return model


def list_row(document: SalesDocument, contact_name: str | None, status: str) -> dict[str, Any]:
    """One `SalesVoucherReadListModel`; `status` as `storage.sales_listing` computed it."""
    rate = Decimal(document.exchange_rate) / 100
    excl, incl = from_ore(document.total_excl_vat_ore), from_ore(document.total_incl_vat_ore)
    return {
        "Number": document.number if document.number is not None else DRAFT_NUMBER,
        "Guid": document.guid,
        "ExternalReference": document.external_reference,
        "Date": document.document_date.isoformat(),
        "PaymentDate": (
            None
            if document.kind != INVOICE or document.payment_date is None
            else document.payment_date.isoformat()
        ),
        "Description": document.description,
        "Status": status,
        "Type": TYPES.get(document.kind, document.kind),
        "ContactName": contact_name,
        "ContactGuid": document.contact_guid,
        "TotalInclVat": money(incl),
        "TotalExclVat": money(excl),
        "TotalInclVatInDkk": money(round(incl * rate, 2)),
        "TotalExclVatInDkk": money(round(excl * rate, 2)),
        "MailOutStatus": document.mailout_status,
        "LatestMailOutType": document.latest_mailout_type or "None",
        "Currency": document.currency,
        "CreatedAt": wire_time(document.created_at),
        "UpdatedAt": wire_time(document.updated_at),
        "DeletedAt": wire_time(document.deleted_at),
    }
