"""Reminders (rykkere) of a booked invoice as `Call` values (dinero-api.md §2.6, §3.12).

Adding one carries the invoice's `Timestamp`; changing, booking and deleting one carry the
reminder's own. Only the newest booked reminder is e-mailed.
"""

from __future__ import annotations

import datetime

from bilag.client._base import Call
from bilag.client._calls import _many, _nothing, utc_text
from bilag.client._document_models import PDF, read_pdf
from bilag.client._drafts import require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._reminder_drafts import ReminderDraft
from bilag.client._reminder_models import Reminder
from bilag.client._sending_drafts import EInvoiceDraft, MailDraft
from bilag.client._sending_models import MailTemplate, recipients


def _base(org: int, invoice: str) -> str:
    return f"/v1/{org}/invoices/{invoice}/reminders"


def _reminder_id(reminder: int) -> int:
    if isinstance(reminder, bool) or not isinstance(reminder, int) or reminder < 1:
        raise RequestValidationError(
            [f"a reminder's id is a positive whole number, not {reminder!r}"]
        )
    return reminder


def reminders(
    org: int, invoice: str, changes_since: datetime.datetime | None = None
) -> Call[list[Reminder]]:
    params = {}
    if changes_since is not None:
        if changes_since.tzinfo is None:
            raise RequestValidationError(["changesSince needs a timezone-aware datetime"])
        params["changesSince"] = utc_text(changes_since)
    return Call("GET", _base(org, invoice), _many(Reminder.from_wire), org, params)


def create_reminder(org: int, invoice: str, timestamp: str, draft: ReminderDraft) -> Call[Reminder]:
    require_valid(draft)
    body = {**draft.to_wire(), "Timestamp": timestamp}
    return Call("POST", _base(org, invoice), Reminder.from_wire, org, body=body)


def next_reminder(org: int, invoice: str) -> Call[Reminder]:
    return Call("GET", _base(org, invoice) + "/next", Reminder.from_wire, org)


def fetch_reminder(org: int, invoice: str, draft: ReminderDraft) -> Call[Reminder]:
    require_valid(draft)
    body = draft.to_wire(preview=True)
    return Call("POST", _base(org, invoice) + "/fetch", Reminder.from_wire, org, body=body)


def reminder(org: int, invoice: str, reminder_id: int) -> Call[Reminder]:
    path = f"{_base(org, invoice)}/{_reminder_id(reminder_id)}"
    return Call("GET", path, Reminder.from_wire, org)


def reminder_pdf(org: int, invoice: str, reminder_id: int) -> Call[bytes]:
    path = f"{_base(org, invoice)}/{_reminder_id(reminder_id)}"
    return Call("GET", path, read_pdf, org, accept=PDF)


def update_reminder(
    org: int, invoice: str, reminder_id: int, timestamp: str, draft: ReminderDraft
) -> Call[Reminder]:
    require_valid(draft)
    body = {**draft.to_wire(), "Timestamp": timestamp}
    path = f"{_base(org, invoice)}/{_reminder_id(reminder_id)}"
    return Call("PUT", path, Reminder.from_wire, org, body=body)


def book_reminder(org: int, invoice: str, reminder_id: int, timestamp: str) -> Call[Reminder]:
    path = f"{_base(org, invoice)}/{_reminder_id(reminder_id)}/book"
    return Call("POST", path, Reminder.from_wire, org, body={"Timestamp": timestamp})


def delete_reminder(org: int, invoice: str, reminder_id: int, timestamp: str) -> Call[None]:
    """A draft is removed; a booked one's fees are reversed by an offsetting entry."""
    path = f"{_base(org, invoice)}/{_reminder_id(reminder_id)}"
    return Call("DELETE", path, _nothing, org, body={"Timestamp": timestamp})


def email_template(org: int, invoice: str) -> Call[MailTemplate]:
    return Call("GET", _base(org, invoice) + "/email/template", MailTemplate.from_wire, org)


def email_reminder(org: int, invoice: str, mail: MailDraft) -> Call[list[str]]:
    """The newest booked reminder; `mail.timestamp` is the invoice's."""
    require_valid(mail)
    return Call("POST", _base(org, invoice) + "/email", recipients, org, body=mail.to_wire())


def send_e_reminder(org: int, invoice: str, reminder_id: int, draft: EInvoiceDraft) -> Call[None]:
    problems = draft.problems()
    if draft.order_reference is not None:
        problems.append("OrderReference belongs to e-invoices, not e-reminders")
    if problems:
        raise RequestValidationError(problems)
    body = {k: v for k, v in draft.to_wire().items() if k != "OrderReference"}
    path = f"{_base(org, invoice)}/{_reminder_id(reminder_id)}/e-reminder"
    return Call("POST", path, _nothing, org, body=body)
