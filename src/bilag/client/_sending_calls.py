"""Sending invoices, credit notes and trade offers as `Call` values: e-mails and their templates,
pre-reminders, texts, e-invoices and the mailouts list (dinero-api.md §2.5, §2.7, §2.8).

Invoices and credit notes are sent once booked; trade offers any time. A draft's `timestamp`, when
given, must be the document's current one.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from bilag.client._base import Call
from bilag.client._calls import _many, _nothing, utc_text
from bilag.client._drafts import require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._models import Wire
from bilag.client._sending_drafts import EInvoiceDraft, MailDraft, SmsDraft
from bilag.client._sending_models import Mailout, MailTemplate, recipients

Document = Literal["invoice", "credit_note", "trade_offer"]
PATHS: dict[str, str] = {
    "invoice": "invoices",
    "credit_note": "sales/creditnotes",
    "trade_offer": "tradeoffers",
}


def _timestamp(payload: Any) -> str:
    return Wire(payload).text("TimeStamp") or ""


def invoice_timestamp(org: int, invoice: str) -> Call[str]:
    """The invoice's current `Timestamp`, which texts and new reminders carry."""
    return Call("GET", f"/v1/{org}/invoices/{invoice}", _timestamp, org)


def _one(org: int, kind: Document, guid: str) -> str:
    return f"/{org}/{PATHS[kind]}/{guid}"


def email(org: int, kind: Document, guid: str, mail: MailDraft) -> Call[list[str]]:
    require_valid(mail)
    return Call("POST", f"/v1{_one(org, kind, guid)}/email", recipients, org, body=mail.to_wire())


def email_template(org: int, kind: Document, guid: str) -> Call[MailTemplate]:
    """The invoice's is v2, which adds the SMS fields."""
    version = "v2" if kind == "invoice" else "v1"
    path = f"/{version}{_one(org, kind, guid)}/email/template"
    return Call("GET", path, MailTemplate.from_wire, org)


def pre_reminder_template(org: int, guid: str) -> Call[MailTemplate]:
    path = f"/v1{_one(org, 'invoice', guid)}/email/pre-reminder/template"
    return Call("GET", path, MailTemplate.from_wire, org)


def email_pre_reminder(org: int, guid: str, mail: MailDraft) -> Call[list[str]]:
    require_valid(mail)
    path = f"/v1{_one(org, 'invoice', guid)}/email/pre-reminder"
    return Call("POST", path, recipients, org, body=mail.to_wire())


def mailouts(
    org: int,
    kind: Document,
    guid: str,
    changes_since: datetime.datetime | None = None,
    include_sms: bool = True,
) -> Call[list[Mailout]]:
    params = {"includeSms": "true" if include_sms else "false"}
    if changes_since is not None:
        if changes_since.tzinfo is None:
            raise RequestValidationError(["changesSince needs a timezone-aware datetime"])
        params["changesSince"] = utc_text(changes_since)
    path = f"/v1{_one(org, kind, guid)}/mailouts"
    return Call("GET", path, _many(Mailout.from_wire), org, params)


def send_sms(org: int, guid: str, sms: SmsDraft, timestamp: str) -> Call[None]:
    require_valid(sms)
    body = {**sms.to_wire(), "Timestamp": timestamp}
    return Call("POST", f"/v1/{org}/sms/{guid}/send-sms", _nothing, org, body=body)


def send_einvoice(org: int, kind: Document, guid: str, draft: EInvoiceDraft) -> Call[None]:
    """v3 for both (`e-invoice`, `e-creditNote`)."""
    require_valid(draft)
    tail = "e-invoice" if kind == "invoice" else "e-creditNote"
    return Call("POST", f"/v3{_one(org, kind, guid)}/{tail}", _nothing, org, body=draft.to_wire())
