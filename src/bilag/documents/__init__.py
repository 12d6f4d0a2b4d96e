"""Sales documents as bytes: PDFs, OIOUBL e-invoices and e-reminders. Pure: no database, no HTTP."""

from bilag.documents.fik import fik_code
from bilag.documents.identifiers import validate_cvr, validate_gln
from bilag.documents.model import (
    DocumentError,
    DocumentLine,
    EndpointId,
    Party,
    ReminderDocument,
    SalesDocument,
    StatementDocument,
    StatementEntry,
    TotalLine,
)
from bilag.documents.oioubl import oioubl_invoice
from bilag.documents.oioubl_reminder import oioubl_reminder
from bilag.documents.pdf import render_reminder_pdf, render_sales_pdf, render_statement_pdf

__all__ = [
    "DocumentError",
    "DocumentLine",
    "EndpointId",
    "Party",
    "ReminderDocument",
    "SalesDocument",
    "StatementDocument",
    "StatementEntry",
    "TotalLine",
    "fik_code",
    "oioubl_invoice",
    "oioubl_reminder",
    "render_reminder_pdf",
    "render_sales_pdf",
    "render_statement_pdf",
    "validate_cvr",
    "validate_gln",
]
