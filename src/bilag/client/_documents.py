# Generated from _async_documents.py by tools/unasync.py: edit that file, not this one.
"""`books.state_of_account` and `books.attachments`."""

from __future__ import annotations

import builtins
import datetime

from bilag.client import _document_calls as calls
from bilag.client._document_models import Attachment, StateOfAccount
from bilag.client._sending_drafts import StatementMailDraft
from bilag.client._versioned import Resource


class AccountStatements(Resource):
    """A contact's entries on debtors and creditors, oldest first, with the running balance.
    `from_date` and `to_date` bound the period (both included); `hide_closed` leaves out settled
    invoices and purchases with their payments."""

    def get(
        self,
        contact_guid: str,
        *,
        from_date: datetime.date | str | None = None,
        to_date: datetime.date | str | None = None,
        hide_closed: bool = False,
    ) -> StateOfAccount:
        call = calls.state_of_account(self._org, contact_guid, from_date, to_date, hide_closed)
        return self._client.execute(call)

    def pdf(
        self,
        contact_guid: str,
        *,
        from_date: datetime.date | str | None = None,
        to_date: datetime.date | str | None = None,
        hide_closed: bool = False,
    ) -> bytes:
        call = calls.state_of_account_pdf(self._org, contact_guid, from_date, to_date, hide_closed)
        return self._client.execute(call)

    def email(self, contact_guid: str, mail: StatementMailDraft | None = None) -> None:
        """E-mail the statement as a PDF, to the contact's address unless `mail` names another."""
        call = calls.email_state_of_account(self._org, contact_guid, mail or StatementMailDraft())
        self._client.execute(call)


class Attachments(Resource):
    """Files bound to an invoice, credit note or trade offer, which its e-mails carry."""

    def list(self, document_guid: str) -> builtins.list[Attachment]:
        return self._client.execute(calls.attachments(self._org, document_guid))

    def attach(self, document_guid: str, file_guid: str, file_name: str) -> None:
        """Bind an uploaded file under `file_name`; binding it again renames it."""
        self._client.execute(calls.attach(self._org, document_guid, file_guid, file_name))

    def remove(self, document_guid: str, file_guid: str) -> None:
        self._client.execute(calls.detach(self._org, document_guid, file_guid))

    def bind_defaults(
        self, document_guid: str, document_type: calls.DocumentType = "Invoice"
    ) -> None:
        """Bind the organization's default attachments for "Invoice" (invoices and credit
        notes) or "TradeOffer"."""
        call = calls.bind_default_attachments(self._org, document_guid, document_type)
        self._client.execute(call)
