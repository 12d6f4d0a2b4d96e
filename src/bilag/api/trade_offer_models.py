"""The read shapes of trade offers (reference §3.12): `TradeOfferReadModel` with its
`TradeOfferHistoryReadModel`s, and the list rows, which are the same model without lines and
total lines. The fetch preview is the shared `sales_handlers.fetch_model`.
"""

from __future__ import annotations

from typing import Any

from bilag.api.contact_records import wire_time
from bilag.api.sales_read_models import line_read_model, money, totals_read_model
from bilag.ledger.money import from_ore
from bilag.storage.journal import DRAFT
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import totals_of
from bilag.storage.trade_offers import (
    CUSTOMER_ACCEPTED,
    CUSTOMER_DECLINED,
    INVOICED,
    USER_ACCEPTED,
    USER_DECLINED,
    generated_vouchers,
    history_of,
    offer_status,
)

WIRE_STATUSES = {
    DRAFT: "Draft",
    INVOICED: "Invoiced",
    CUSTOMER_ACCEPTED: "CustomerAccepted",
    CUSTOMER_DECLINED: "CustomerDeclined",
    USER_ACCEPTED: "UserAccepted",
    USER_DECLINED: "UserDeclined",
}
LIST_FIELDS = (
    "Number",
    "Guid",
    "TimeStamp",
    "ContactName",
    "ContactGuid",
    "Address",
    "Date",
    "Comment",
    "Description",
    "ExternalReference",
    "Language",
    "Currency",
    "TotalExclVat",
    "TotalVatableAmount",
    "TotalInclVat",
    "TotalNonVatableAmount",
    "TotalVat",
    "HasGeneratedAnyVouchers",
    "Status",
    "MailOutStatus",
    "LatestMailOutType",
    "CreatedAt",
    "UpdatedAt",
    "DeletedAt",
)


def history_read_model(offer: SalesDocument) -> list[dict[str, Any]]:
    return [
        {
            "Status": WIRE_STATUSES[entry.status],
            "UpdatedAt": wire_time(entry.at),
            "TradeOfferEmailSentAt": wire_time(entry.offer_email_sent_at),
            "ConfirmationEmailSentAt": wire_time(entry.confirmation_email_sent_at),
            "TotalInclVat": money(from_ore(entry.total_incl_vat_ore)),
            "Currency": entry.currency,
        }
        for entry in history_of(offer)
    ]


def offer_row(offer: SalesDocument, contact_name: str | None) -> dict[str, Any]:
    """Every property a list row may show (`LIST_FIELDS`)."""
    return {
        "Number": offer.number or 0,
        "Guid": offer.guid,
        "TimeStamp": offer.timestamp,
        "ContactName": contact_name,
        "ContactGuid": offer.contact_guid,
        "Address": offer.address,
        "Date": offer.document_date.isoformat(),
        "Comment": offer.comment,
        "Description": offer.description,
        "ExternalReference": offer.external_reference,
        "Language": offer.language,
        "Currency": offer.currency,
        "TotalExclVat": money(from_ore(offer.total_excl_vat_ore)),
        "TotalVatableAmount": money(from_ore(offer.total_vatable_ore)),
        "TotalInclVat": money(from_ore(offer.total_incl_vat_ore)),
        "TotalNonVatableAmount": money(from_ore(offer.total_non_vatable_ore)),
        "TotalVat": money(from_ore(offer.total_vat_ore)),
        "HasGeneratedAnyVouchers": bool(generated_vouchers(offer)),
        "Status": WIRE_STATUSES[offer_status(offer)],
        "MailOutStatus": offer.mailout_status,
        "LatestMailOutType": offer.latest_mailout_type or "None",
        "CreatedAt": wire_time(offer.created_at),
        "UpdatedAt": wire_time(offer.updated_at),
        "DeletedAt": wire_time(offer.deleted_at),
    }


def offer_read_model(offer: SalesDocument, contact_name: str | None) -> dict[str, Any]:
    """The whole `TradeOfferReadModel`."""
    totals = totals_of(offer)
    return {
        **offer_row(offer, contact_name),
        **totals_read_model(totals, offer.currency, offer.language),
        "GeneratedVouchers": generated_vouchers(offer),
        "History": history_read_model(offer),
        "ShowLinesInclVat": offer.show_lines_incl_vat,
        "InvoiceTemplateId": offer.invoice_template_id,
        "ProductLines": [line_read_model(line) for line in totals.lines],
    }
