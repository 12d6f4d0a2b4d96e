# Generated from _async_sending.py by tools/unasync.py: edit that file, not this one.
"""`books.sending`: e-mail, text and e-invoice invoices, credit notes and trade offers, read the
e-mail each would get, and list what was sent. Reminders are sent from `books.reminders`."""

from __future__ import annotations

import datetime

from bilag.client import _sending_calls as calls
from bilag.client._base import Call
from bilag.client._drafts import require_valid
from bilag.client._sending_drafts import EInvoiceDraft, MailDraft, SmsDraft
from bilag.client._sending_models import Mailout, MailTemplate
from bilag.client._versioned import Resource


class Sending(Resource):
    """Every send is recorded as a mailout (bilag's outbox). Without a draft, the e-mail is the
    template's; an e-mail answers the addresses it went to."""

    def email_invoice(self, guid: str, mail: MailDraft | None = None) -> list[str]:
        return self._client.execute(calls.email(self._org, "invoice", guid, mail or MailDraft()))

    def invoice_email_template(self, guid: str) -> MailTemplate:
        return self._client.execute(calls.email_template(self._org, "invoice", guid))

    def pre_reminder_template(self, guid: str) -> MailTemplate:
        return self._client.execute(calls.pre_reminder_template(self._org, guid))

    def email_pre_reminder(self, guid: str, mail: MailDraft | None = None) -> list[str]:
        """Remind the customer of an overdue invoice, before a formal reminder (rykker)."""
        call = calls.email_pre_reminder(self._org, guid, mail or MailDraft())
        return self._client.execute(call)

    def invoice_mailouts(
        self,
        guid: str,
        *,
        changes_since: datetime.datetime | None = None,
        include_sms: bool = True,
    ) -> list[Mailout]:
        call = calls.mailouts(self._org, "invoice", guid, changes_since, include_sms)
        return self._client.execute(call)

    def send_sms(self, guid: str, sms: SmsDraft, *, retry_stale: bool = False) -> None:
        """Text a booked invoice (`sms.is_reminder` for an overdue one). Without
        `sms.timestamp`, the invoice is read for it after the draft is checked."""
        require_valid(sms)

        def latest() -> str:
            return self._client.execute(calls.invoice_timestamp(self._org, guid))

        def send(stamp: str) -> Call[None]:
            return calls.send_sms(self._org, guid, sms, stamp)

        current = sms.timestamp if sms.timestamp is not None else latest()
        self._versioned(current, send, retry_stale, latest)

    def send_einvoice(self, guid: str, draft: EInvoiceDraft | None = None) -> None:
        """Send a booked invoice as OIOUBL through NemHandel (v3)."""
        call = calls.send_einvoice(self._org, "invoice", guid, draft or EInvoiceDraft())
        self._client.execute(call)

    def email_credit_note(self, guid: str, mail: MailDraft | None = None) -> list[str]:
        call = calls.email(self._org, "credit_note", guid, mail or MailDraft())
        return self._client.execute(call)

    def credit_note_email_template(self, guid: str) -> MailTemplate:
        return self._client.execute(calls.email_template(self._org, "credit_note", guid))

    def credit_note_mailouts(
        self,
        guid: str,
        *,
        changes_since: datetime.datetime | None = None,
        include_sms: bool = True,
    ) -> list[Mailout]:
        call = calls.mailouts(self._org, "credit_note", guid, changes_since, include_sms)
        return self._client.execute(call)

    def send_ecredit_note(self, guid: str, draft: EInvoiceDraft | None = None) -> None:
        call = calls.send_einvoice(self._org, "credit_note", guid, draft or EInvoiceDraft())
        self._client.execute(call)

    def email_trade_offer(self, guid: str, mail: MailDraft | None = None) -> list[str]:
        call = calls.email(self._org, "trade_offer", guid, mail or MailDraft())
        return self._client.execute(call)

    def trade_offer_email_template(self, guid: str) -> MailTemplate:
        return self._client.execute(calls.email_template(self._org, "trade_offer", guid))

    def trade_offer_mailouts(
        self,
        guid: str,
        *,
        changes_since: datetime.datetime | None = None,
        include_sms: bool = True,
    ) -> list[Mailout]:
        call = calls.mailouts(self._org, "trade_offer", guid, changes_since, include_sms)
        return self._client.execute(call)
