"""What Dinero checks and fills in when a sales document is e-mailed or texted (reference §3.5
`ApiMailoutModel`, §3.12 `SmsSendModel`): receivers default to the contact's e-mail and must be
valid addresses, the sender defaults to the organization's e-mail, the subject to "{Type}
{Number}" in the document's language, and a custom message must carry `[link-to-pdf]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilag.api.errors import validation_failure
from bilag.storage.models import Contact, Organization, SalesDocument

LINK_TAG = "[link-to-pdf]"
_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]{2,}$")
_PHONE = re.compile(r"^\+?[0-9]{8,15}$")
WORDS = {
    ("invoice", "da-DK"): "Faktura",
    ("invoice", "en-GB"): "Invoice",
    ("credit_note", "da-DK"): "Kreditnota",
    ("credit_note", "en-GB"): "Credit note",
    ("trade_offer", "da-DK"): "Tilbud",
    ("trade_offer", "en-GB"): "Offer",
}
_MESSAGES = {
    "da-DK": "Kære {name}\n\nHer er {word_lower} nr. {number} fra {organization}.\n"
    "Du kan se og hente den her: [link-to-pdf]\n\nMed venlig hilsen\n{organization}",
    "en-GB": "Dear {name}\n\nHere is {word_lower} no. {number} from {organization}.\n"
    "You can view and download it here: [link-to-pdf]\n\nKind regards\n{organization}",
}
_PRE_REMINDER = {
    "da-DK": "Kære {name}\n\nVi kan ikke se, at {word_lower} nr. {number} er betalt. "
    "Betalingsfristen var {due}.\nDu kan se den her: [link-to-pdf]\n\n"
    "Med venlig hilsen\n{organization}",
    "en-GB": "Dear {name}\n\nWe have not yet received payment of {word_lower} no. {number}, "
    "which was due on {due}.\nYou can view it here: [link-to-pdf]\n\nKind regards\n{organization}",
}
_SMS = {
    "da-DK": "Hej {name}. Her er {word_lower} nr. {number} fra {organization}: [link-to-pdf]",
    "en-GB": "Hi {name}. Here is {word_lower} no. {number} from {organization}: [link-to-pdf]",
}


@dataclass(frozen=True)
class MailTemplate:
    sender: str | None
    receiver: str | None
    subject: str
    message: str


def document_word(document: SalesDocument) -> str:
    return WORDS.get((document.kind, document.language), WORDS[(document.kind, "da-DK")])


def _fill(text: str, document: SalesDocument, contact: Contact | None, org: Organization) -> str:
    word = document_word(document)
    return text.format(
        name=contact.name if contact is not None else "",
        word_lower=word.lower(),
        number=document.number or "",
        organization=org.name,
        due=document.payment_date.isoformat() if document.payment_date else "",
    )


def mail_template(
    document: SalesDocument,
    contact: Contact | None,
    organization: Organization,
    pre_reminder: bool = False,
) -> MailTemplate:
    texts = _PRE_REMINDER if pre_reminder else _MESSAGES
    message = _fill(texts.get(document.language, texts["da-DK"]), document, contact, organization)
    subject = f"{document_word(document)} {document.number or ''}".strip()
    if pre_reminder:
        subject = ("Påmindelse: " if document.language == "da-DK" else "Reminder: ") + subject
    receiver = contact.email if contact is not None else None
    return MailTemplate(organization.email, receiver, subject, message)


def sms_text(
    document: SalesDocument, contact_name: str, organization: Organization, message: str | None
) -> str:
    """The custom message with the link where `[link-to-pdf]` stands (appended when absent),
    or the default text."""
    if message is None or not message.strip():
        template = _SMS.get(document.language, _SMS["da-DK"])
        return template.format(
            name=contact_name,
            word_lower=document_word(document).lower(),
            number=document.number or "",
            organization=organization.name,
        )
    return message if LINK_TAG in message else f"{message} {LINK_TAG}"


def receivers(raw: str | None, fallback: str | None) -> list[str]:
    """The e-mail addresses to send to; 400 when there are none or one is not an address."""
    text = raw if raw is not None and raw.strip() else fallback
    if text is None or not text.strip():
        message = "Receiver is required: the contact has no e-mail address."
        raise validation_failure({"Receiver": message})
    addresses = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    bad = [address for address in addresses if not _EMAIL.match(address)]
    if bad or not addresses:
        message = f"Receiver holds invalid e-mail address(es): {', '.join(bad)}."
        raise validation_failure({"Receiver": message})
    return addresses


def sender(raw: str | None, organization: Organization) -> str:
    chosen = raw if raw is not None and raw.strip() else organization.email
    if chosen is None or not chosen.strip():
        message = "Sender is required: the organization has no e-mail address."
        raise validation_failure({"Sender": message})
    if not _EMAIL.match(chosen.strip()):
        raise validation_failure({"Sender": f"Sender '{chosen}' is not an e-mail address."})
    return chosen.strip()


def check_message(message: str | None) -> None:
    if message is not None and message.strip() and LINK_TAG not in message:
        text = f"Message must contain the tag {LINK_TAG}, where the link to the PDF goes."
        raise validation_failure({"Message": text})


def phone_number(raw: str) -> str:
    compact = re.sub(r"[\s\-()]", "", raw)
    if not _PHONE.match(compact):
        message = f"ReceiverPhoneNumber '{raw}' is not a phone number (8 to 15 digits)."
        raise validation_failure({"ReceiverPhoneNumber": message})
    return compact
