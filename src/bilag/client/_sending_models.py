"""What the sending endpoints answer: the e-mail a document would get, and its mailouts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bilag.client._models import Wire


@dataclass(frozen=True)
class MailTemplate:
    """`MailoutTemplateReadModel`: what an e-mail carries when the send leaves a field out.
    The invoice template (v2) also says whether to text the invoice, and to which number."""

    sender: str | None
    receiver: str | None
    subject: str | None
    message: str | None
    add_voucher_as_pdf: bool
    send_as_sms: bool = False
    sms_receiver_phone_number: str | None = None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> MailTemplate:
        w = Wire(data)
        return cls(
            sender=w.text("Sender"),
            receiver=w.text("Receiver"),
            subject=w.text("Subject"),
            message=w.text("Message"),
            add_voucher_as_pdf=w.bool("AddVoucherAsPdfAttachment"),
            send_as_sms=w.bool("SendAsSms"),
            sms_receiver_phone_number=w.text("SmsReceiverPhoneNumber"),
            raw=data,
        )


@dataclass(frozen=True)
class Mailout:
    """`VoucherMailoutReadModel`: one e-mail or text sent about a document."""

    id: int
    date: str | None
    type: str | None  # Mailout, PreReminder, Reminder, TradeOffer, ...
    status: str | None
    sender: str | None
    receiver: str | None
    subject: str | None
    message: str | None
    is_sms: bool
    cc_to_sender: bool
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Mailout:
        w = Wire(data)
        return cls(
            id=w.int("Id") or 0,
            date=w.text("Date"),
            type=w.text("Type"),
            status=w.text("Status"),
            sender=w.text("Sender"),
            receiver=w.text("Receiver"),
            subject=w.text("Subject"),
            message=w.text("Message"),
            is_sms=w.bool("IsSmsMessage"),
            cc_to_sender=w.bool("CCToSender"),
            raw=data,
        )


def recipients(payload: Any) -> list[str]:
    """`EmailSentModel`: the addresses the e-mail went to."""
    found = Wire(payload).get("Recipients") or []
    return [Wire(item).text("Email") or "" for item in found]
