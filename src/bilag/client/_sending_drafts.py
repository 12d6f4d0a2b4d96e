"""What the sending endpoints take, checked before it is sent: e-mails (`ApiMailoutModel`),
texts (`SmsMailoutModel`), e-invoices (`EanInvoiceModel`) and e-reminders (`EanReminderModel`).

A field left out takes the value of the document's e-mail template (`MailTemplate`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Literal

from bilag.client._drafts import _clean, _date_problem, _text_problems, wire_date

LINK_TAG = "[link-to-pdf]"
PAYMENT_MEANS = ("Domestic", "International", "FIK")
PaymentMean = Literal["Domestic", "International", "FIK"]
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_PHONE = re.compile(r"^\+?\d{8,15}$")
_GLN = re.compile(r"^\d{13}$")


def _address_problems(name: str, value: str | None, *, many: bool) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"{name} must be text, not {type(value).__name__}"]
    parts = [part.strip() for part in re.split(r"[,;]", value)] if many else [value.strip()]
    bad = [part for part in parts if not _EMAIL.match(part)]
    return (
        [f"{name} holds what is not an e-mail address: {', '.join(map(repr, bad))}"] if bad else []
    )


def _bool_problem(name: str, value: object) -> list[str]:
    return [] if value is None or isinstance(value, bool) else [f"{name} must be true or false"]


@dataclass
class MailDraft:
    """An e-mail of a document. A `message` must hold `[link-to-pdf]`, where the link goes."""

    receiver: str | None = None  # addresses separated by "," or ";"
    sender: str | None = None
    subject: str | None = None
    message: str | None = None
    cc_to_sender: bool | None = None
    add_voucher_as_pdf: bool | None = None
    timestamp: str | None = None  # the document's; checked when given

    def problems(self, link_required: bool = True) -> list[str]:
        found = _address_problems("Receiver", self.receiver, many=True)
        found += _address_problems("Sender", self.sender, many=False)
        found += _text_problems("Subject", self.subject, limit=500)
        found += _text_problems("Message", self.message, limit=10000)
        if link_required and isinstance(self.message, str) and self.message.strip():
            if LINK_TAG not in self.message:
                found.append(f"Message must contain {LINK_TAG}, where the link to the PDF goes")
        found += _bool_problem("CcToSender", self.cc_to_sender)
        found += _bool_problem("AddVoucherAsPdfAttachment", self.add_voucher_as_pdf)
        return found + _text_problems("Timestamp", self.timestamp, limit=16)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Timestamp": self.timestamp,
                "Sender": self.sender,
                "CcToSender": self.cc_to_sender,
                "Receiver": self.receiver,
                "Subject": self.subject,
                "Message": self.message,
                "AddVoucherAsPdfAttachment": self.add_voucher_as_pdf,
                "ShouldAddTrustPilotEmailAsBcc": False,
            }
        )


@dataclass
class StatementMailDraft:
    """An e-mail of a contact's state of account for a period (both days included)."""

    receiver: str | None = None
    sender: str | None = None
    subject: str | None = None
    message: str | None = None
    cc_to_sender: bool = False
    from_date: datetime.date | str | None = None
    to_date: datetime.date | str | None = None
    hide_closed: bool = False

    def problems(self) -> list[str]:
        mail = MailDraft(self.receiver, self.sender, self.subject, self.message, self.cc_to_sender)
        found = mail.problems(link_required=False)
        found += _date_problem("From", self.from_date, required=False)
        found += _date_problem("To", self.to_date, required=False)
        start, end = wire_date(self.from_date), wire_date(self.to_date)
        if not found and start and end and end < start:
            found.append(f"To {end} is before From {start}")
        return found + _bool_problem("HideClosed", self.hide_closed)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Sender": self.sender,
                "CCToSender": self.cc_to_sender,
                "Receiver": self.receiver,
                "Subject": self.subject,
                "Message": self.message,
                "From": wire_date(self.from_date),
                "To": wire_date(self.to_date),
                "HideClosed": self.hide_closed,
            }
        )


@dataclass
class SmsDraft:
    """A text about a booked invoice; `is_reminder` for an overdue one. It carries the invoice's
    `timestamp`, which `send_sms` reads when it is left out."""

    receiver_phone_number: str
    receiver_name: str
    is_reminder: bool = False
    message: str | None = None
    timestamp: str | None = None

    def problems(self) -> list[str]:
        found: list[str] = []
        phone = self.receiver_phone_number
        compact = re.sub(r"[\s\-()]", "", phone) if isinstance(phone, str) else ""
        if not _PHONE.match(compact):
            found.append(
                f"ReceiverPhoneNumber must be a phone number (8 to 15 digits), not {phone!r}"
            )
        if not (isinstance(self.receiver_name, str) and self.receiver_name.strip()):
            found.append("ReceiverName is required")
        found += _bool_problem("IsReminder", self.is_reminder)
        found += _text_problems("Timestamp", self.timestamp, limit=16)
        return found + _text_problems("Message", self.message, limit=1000)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "ReceiverPhoneNumber": self.receiver_phone_number,
                "ReceiverName": self.receiver_name,
                "Timestamp": self.timestamp,
                "IsReminder": self.is_reminder,
                "Message": self.message,
            }
        )


@dataclass
class EInvoiceDraft:
    """An e-invoice (or e-credit note, or e-reminder) through NemHandel. Without
    `receiver_ean_number` it goes to the contact's EAN, or its CVR number."""

    payment_mean: PaymentMean = "Domestic"
    receiver_ean_number: str | None = None
    att_person: str | None = None
    order_reference: str | None = None  # not on e-reminders
    timestamp: str | None = None

    def problems(self) -> list[str]:
        found = []
        if self.payment_mean not in PAYMENT_MEANS:
            found.append(f"PaymentMeanEnum is one of {', '.join(PAYMENT_MEANS)}")
        ean = self.receiver_ean_number
        if ean is not None and not (isinstance(ean, str) and _GLN.match(ean.strip())):
            found.append(f"ReceiverEanNumber must be 13 digits (a GLN), not {ean!r}")
        found += _text_problems("AttPerson", self.att_person, limit=200)
        found += _text_problems("OrderReference", self.order_reference, limit=200)
        return found + _text_problems("Timestamp", self.timestamp, limit=16)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "PaymentMeanEnum": self.payment_mean,
                "ReceiverEanNumber": self.receiver_ean_number,
                "AttPerson": self.att_person,
                "OrderReference": self.order_reference,
                "Timestamp": self.timestamp,
            }
        )
