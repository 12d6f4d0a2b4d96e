"""A reminder as the `bilag.documents` package renders it: the letter's title and text, the
invoice it reminds of, and what it charges (in DKK, as the reminder rules count), built from the
stored records. A draft renders with what it would charge now, a booked one with what it did.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bilag.api.reminder_models import labels
from bilag.api.reminder_records import stored_amounts
from bilag.api.sales_content import get_live_contact
from bilag.api.sales_pdf import bank_of, buyer_of, fik_of, seller_of
from bilag.documents import ReminderDocument, render_reminder_pdf
from bilag.storage.invoice_settings import get_invoice_settings
from bilag.storage.models import Organization, Reminder, SalesDocument

PAYMENT_DAYS = timedelta(days=10)  # a reminder's due date: the 10 days Danish law sets between two


def reminder_document(
    session: Session, invoice: SalesDocument, reminder: Reminder
) -> ReminderDocument:
    organization = session.get(Organization, invoice.organization_id)
    assert organization is not None  # the invoice's foreign key
    contact = get_live_contact(session, invoice.organization_id, invoice.contact_guid)
    settings = get_invoice_settings(session, invoice.organization_id)
    amounts = stored_amounts(session, invoice, reminder)
    text = labels(invoice)
    assert invoice.number is not None  # only booked invoices get reminders
    return ReminderDocument(
        number=reminder.number,
        title=reminder.title or text["title"].format(number=reminder.number),
        description=reminder.description,
        issue_date=reminder.reminder_date,
        language=invoice.language,
        currency="DKK",
        seller=seller_of(organization),
        buyer=buyer_of(contact, invoice.address),
        invoice_number=invoice.number,
        invoice_date=invoice.document_date,
        invoice_due_date=invoice.payment_date or invoice.document_date,
        invoice_total=amounts.invoice_total,
        paid_amount=amounts.paid,
        fee=amounts.fee,
        interest=amounts.interest,
        compensation_fee=amounts.compensation_fee,
        total_due=amounts.total,
        debt_collection_warning=text["notice"] if reminder.with_debt_collection_warning else None,
        fik_code=fik_of(invoice, settings),
        earlier_charges=amounts.accumulated,
        due_date=reminder.reminder_date + PAYMENT_DAYS,
        bank_account=bank_of(settings),
        iban=settings.iban,
        bic=settings.bic,
    )


def reminder_pdf(session: Session, invoice: SalesDocument, reminder: Reminder) -> bytes:
    return render_reminder_pdf(reminder_document(session, invoice, reminder))


def reminder_pdf_name(invoice: SalesDocument, reminder: Reminder) -> str:
    return f"rykker-{reminder.number}-faktura-{invoice.number}"
