# Generated from _async_reminders.py by tools/unasync.py: edit that file, not this one.
"""`books.reminders`: the reminders (rykkere) of a booked, overdue invoice, named by its guid."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Callable

from bilag.client import _reminder_calls as calls
from bilag.client._base import Call
from bilag.client._drafts import require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._reminder_drafts import ReminderDraft
from bilag.client._reminder_models import Reminder
from bilag.client._sending_calls import invoice_timestamp
from bilag.client._sending_drafts import EInvoiceDraft, MailDraft
from bilag.client._sending_models import MailTemplate
from bilag.client._versioned import Resource


class Reminders(Resource):
    def list(
        self, invoice: str, *, changes_since: datetime.datetime | None = None
    ) -> builtins.list[Reminder]:
        return self._client.execute(calls.reminders(self._org, invoice, changes_since))

    def create(
        self,
        invoice: str,
        draft: ReminderDraft,
        *,
        timestamp: str | None = None,
        retry_stale: bool = False,
    ) -> Reminder:
        """Add a draft reminder. It carries the invoice's `timestamp`, read first when not given
        (after the draft is checked)."""
        require_valid(draft)

        def latest() -> str:
            return self._client.execute(invoice_timestamp(self._org, invoice))

        current = timestamp if timestamp is not None else latest()

        def create(stamp: str) -> Call[Reminder]:
            return calls.create_reminder(self._org, invoice, stamp, draft)

        return self._versioned(current, create, retry_stale, latest)

    def next(self, invoice: str) -> Reminder:
        """A preview of the next reminder in line, dated today or the first day it may be."""
        return self._client.execute(calls.next_reminder(self._org, invoice))

    def fetch(self, invoice: str, draft: ReminderDraft) -> Reminder:
        """A preview of the reminder `draft` would add (its title and letter are the defaults)."""
        return self._client.execute(calls.fetch_reminder(self._org, invoice, draft))

    def get(self, invoice: str, reminder_id: int) -> Reminder:
        return self._client.execute(calls.reminder(self._org, invoice, reminder_id))

    def pdf(self, invoice: str, reminder_id: int) -> bytes:
        return self._client.execute(calls.reminder_pdf(self._org, invoice, reminder_id))

    def update(
        self, invoice: str, reminder: Reminder, draft: ReminderDraft, *, retry_stale: bool = False
    ) -> Reminder:
        """Change a draft reminder, carrying its Timestamp."""
        reminder_id = self._saved(reminder)

        def update(stamp: str) -> Call[Reminder]:
            return calls.update_reminder(self._org, invoice, reminder_id, stamp, draft)

        return self._versioned(
            reminder.timestamp, update, retry_stale, self._latest(invoice, reminder_id)
        )

    def book(
        self, invoice: str, reminder: Reminder | int, *, retry_stale: bool = False
    ) -> Reminder:
        """Book a draft and post its fees; given only its id, the reminder is read first."""
        if isinstance(reminder, int):
            reminder = self.get(invoice, reminder)
        reminder_id = self._saved(reminder)

        def book(stamp: str) -> Call[Reminder]:
            return calls.book_reminder(self._org, invoice, reminder_id, stamp)

        return self._versioned(
            reminder.timestamp, book, retry_stale, self._latest(invoice, reminder_id)
        )

    def delete(self, invoice: str, reminder: Reminder, *, retry_stale: bool = False) -> None:
        """Remove a draft; a booked reminder's fees are reversed by an offsetting entry."""
        reminder_id = self._saved(reminder)

        def delete(stamp: str) -> Call[None]:
            return calls.delete_reminder(self._org, invoice, reminder_id, stamp)

        self._versioned(reminder.timestamp, delete, retry_stale, self._latest(invoice, reminder_id))

    def email_template(self, invoice: str) -> MailTemplate:
        """The e-mail of the invoice's newest booked reminder."""
        return self._client.execute(calls.email_template(self._org, invoice))

    def email(self, invoice: str, mail: MailDraft | None = None) -> builtins.list[str]:
        """E-mail the newest booked reminder; the addresses it went to."""
        return self._client.execute(calls.email_reminder(self._org, invoice, mail or MailDraft()))

    def send_e_reminder(self, invoice: str, reminder_id: int, draft: EInvoiceDraft) -> None:
        """Send a booked reminder as OIOUBL through NemHandel."""
        self._client.execute(calls.send_e_reminder(self._org, invoice, reminder_id, draft))

    @staticmethod
    def _saved(reminder: Reminder) -> int:
        if reminder.id is None:
            raise RequestValidationError(["a preview is not saved: add it with create"])
        return reminder.id

    def _latest(self, invoice: str, reminder_id: int) -> Callable[[], str]:
        def latest() -> str:
            return (self.get(invoice, reminder_id)).timestamp

        return latest
