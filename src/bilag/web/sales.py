"""The Kontakter, Salg, Udbakke and invoice settings page flows, in the order their routes must
be matched: `/sales/invoices/new` before a document's `/sales/{kind}/{guid}`."""

from __future__ import annotations

from bilag.web import (
    contacts,
    outbox,
    sales_actions,
    sales_document,
    sales_lists,
    sales_new,
    sales_settings,
)

PAGE_FLOWS = (
    contacts,
    sales_lists,
    sales_new,
    sales_actions,
    sales_document,
    sales_settings,
    outbox,
)
