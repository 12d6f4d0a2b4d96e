"""Reminders' records: what the rules of `bilag.ledger.reminders` need from the database (the
invoice in DKK, what is paid, who the customer is, the earlier reminders), a reminder's
`ReminderViewModel`, and booking its fees as a voucher of kind "reminder".

A draft shows what it would charge now; a booked or deleted reminder what it charged.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from bilag.api.auth import OrganizationAccess
from bilag.api.binding import INT32_MAX
from bilag.api.booking import api_booker
from bilag.api.errors import DineroError, ErrorCode
from bilag.api.ledger_errors import ledger_failure
from bilag.api.reminder_models import view_model
from bilag.api.sales_handlers import require_document
from bilag.ledger.money import MAX_KRONER, from_ore, to_ore
from bilag.ledger.reminders import (
    MAX_FEE,
    EarlierReminder,
    RemindedInvoice,
    ReminderAmounts,
    ReminderChoice,
    check_reminder,
    reminder_amounts,
    reminder_postings,
)
from bilag.ledger.sales import in_dkk
from bilag.storage.journal import BOOKED, DELETED, DRAFT, book_voucher
from bilag.storage.models import Contact, Reminder, SalesDocument
from bilag.storage.reminders import REMINDER_KIND, ReminderContent, get_reminder, reminders_of
from bilag.storage.sales_documents import INVOICE
from bilag.storage.sales_payments import paid_total
from bilag.storage.voucher_drafts import DraftContent, add_draft


def require_booked_invoice(session: Session, organization_id: int, guid: str) -> SalesDocument:
    invoice = require_document(session, organization_id, guid, INVOICE)
    if invoice.status != BOOKED:
        message = "Only a booked invoice can get reminders; book it first."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"voucherGuid": message})
    return invoice


def reminded_invoice(session: Session, invoice: SalesDocument) -> RemindedInvoice:
    """The invoice as the rules see it: in DKK, with what is paid and who the customer is."""
    rate = Decimal(invoice.exchange_rate)
    contact = None if invoice.contact_guid is None else session.get(Contact, invoice.contact_guid)
    fee = MAX_FEE if invoice.reminder_fee is None else Decimal(invoice.reminder_fee)
    return RemindedInvoice(
        total=in_dkk(from_ore(invoice.total_incl_vat_ore), rate),
        paid=in_dkk(paid_total(session, invoice.organization_id, invoice.guid), rate),
        due_date=invoice.payment_date or invoice.document_date,
        fee=fee,
        interest_rate=Decimal(invoice.reminder_interest_rate or 0),
        business_customer=contact is None or not contact.is_person,
    )


def earlier_reminders(
    reminders: list[Reminder], before: int | None = None
) -> list[EarlierReminder]:
    """The live reminders numbered below `before` (all of them without it)."""
    return [
        EarlierReminder(
            number=reminder.number,
            reminder_date=reminder.reminder_date,
            booked=reminder.status == BOOKED,
            with_interest=reminder.with_interest_fee,
            fees=from_ore(sum(charges_of(reminder))),
            has_compensation=reminder.with_compensation_fee,
        )
        for reminder in reminders
        if reminder.status != DELETED and (before is None or reminder.number < before)
    ]


def charges_of(reminder: Reminder) -> tuple[int, int, int]:
    return reminder.fee_ore, reminder.interest_ore, reminder.compensation_fee_ore


def charges_in_ore(amounts: ReminderAmounts) -> tuple[int, int, int]:
    return to_ore(amounts.fee), to_ore(amounts.interest), to_ore(amounts.compensation_fee)


def choice_of(content: ReminderContent) -> ReminderChoice:
    return ReminderChoice(
        content.reminder_date,
        with_fee=content.with_fee,
        with_interest=content.with_interest_fee,
        with_compensation=content.with_compensation_fee,
    )


def content_of(reminder: Reminder) -> ReminderContent:
    return ReminderContent(
        reminder_date=reminder.reminder_date,
        title=reminder.title,
        description=reminder.description,
        with_debt_collection_warning=reminder.with_debt_collection_warning,
        with_fee=reminder.with_fee,
        with_interest_fee=reminder.with_interest_fee,
        with_compensation_fee=reminder.with_compensation_fee,
    )


def checked_amounts(
    invoice: RemindedInvoice, earlier: list[EarlierReminder], choice: ReminderChoice
) -> ReminderAmounts:
    problems = check_reminder(invoice, earlier, choice)
    if problems:
        raise ledger_failure(problems)
    amounts = reminder_amounts(invoice, earlier, choice)
    if amounts.total > MAX_KRONER:
        message = f"The reminder would come to more than {MAX_KRONER} kr.; check its Date."
        raise DineroError(ErrorCode.LIMIT_EXCEEDED, message, 400, {"Date": message})
    return amounts


def content_amounts(
    session: Session,
    invoice: SalesDocument,
    earlier: list[EarlierReminder],
    content: ReminderContent,
) -> ReminderAmounts:
    """What the reminder with `content` charges; 400 (code 45) when the rules refuse it."""
    return checked_amounts(reminded_invoice(session, invoice), earlier, choice_of(content))


def stored_amounts(session: Session, invoice: SalesDocument, reminder: Reminder) -> ReminderAmounts:
    """What a stored reminder charges: a draft what it would now, a booked one what it did."""
    everyone = reminders_of(session, invoice.organization_id, invoice.guid)
    amounts = reminder_amounts(
        reminded_invoice(session, invoice),
        earlier_reminders(everyone, reminder.number),
        choice_of(content_of(reminder)),
    )
    if reminder.status == DRAFT:
        return amounts
    fee, interest, compensation = (from_ore(ore) for ore in charges_of(reminder))
    return replace(amounts, fee=fee, interest=interest, compensation_fee=compensation)


def reminder_view(session: Session, invoice: SalesDocument, reminder: Reminder) -> dict[str, Any]:
    """A stored reminder: a draft shows what it would charge now, a booked one what it did."""
    content = content_of(reminder)
    amounts = stored_amounts(session, invoice, reminder)
    identity = {
        "Id": reminder.id,
        "IsDraft": reminder.status == DRAFT,
        "IsDeleted": reminder.status == DELETED,
        "Number": reminder.number,
        "Timestamp": reminder.timestamp,
    }
    return view_model(invoice, content, amounts, identity)


def preview_view(
    invoice: SalesDocument, content: ReminderContent, amounts: ReminderAmounts, number: int
) -> dict[str, Any]:
    """An unsaved reminder; its Timestamp is the invoice's, the one adding it needs."""
    identity = {
        "Id": None,
        "IsDraft": True,
        "IsDeleted": False,
        "Number": number,
        "Timestamp": invoice.timestamp,
    }
    return view_model(invoice, content, amounts, identity)


def _reminder_id(raw: str) -> int:
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= INT32_MAX:
        message = f"id must be a reminder's id, a whole number, not '{raw}'."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return int(text)


def require_reminder(
    session: Session, invoice: SalesDocument, raw_id: str, live: bool = False
) -> Reminder:
    found = get_reminder(session, invoice.organization_id, invoice.guid, _reminder_id(raw_id))
    if found is None:
        message = f"No reminder with id {raw_id} was found on this invoice."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    if live and found.status == DELETED:
        message = f"Reminder {found.number} is deleted."
        raise DineroError(ErrorCode.ITEM_IS_DELETED, "Item is deleted", 400, {"id": message})
    return found


def check_draft(reminder: Reminder, what: str) -> None:
    if reminder.status != DRAFT:
        message = f"Reminder {reminder.number} is booked and can't be {what}."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"id": message})


def book_fees(
    session: Session,
    invoice: SalesDocument,
    reminder: Reminder,
    amounts: ReminderAmounts,
    access: OrganizationAccess,
) -> str | None:
    """Book the fees as a voucher of kind "reminder" dated the reminder's date; its guid, or
    None when the reminder charges nothing."""
    title = reminder.title or f"Rykker {reminder.number}"
    description = f"{title[:150]}, faktura {invoice.number}"
    postings = reminder_postings(
        amounts.fee, amounts.interest, amounts.compensation_fee, description
    )
    if not postings:
        return None
    voucher = add_draft(
        session,
        invoice.organization_id,
        REMINDER_KIND,
        DraftContent(voucher_date=reminder.reminder_date, lines=()),
    )
    voucher.contact_guid = invoice.contact_guid
    session.flush()
    booker = api_booker(session, access)
    book_voucher(session, voucher, voucher.timestamp, None, lambda _: postings, booker)
    return voucher.guid
