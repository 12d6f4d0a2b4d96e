"""The wire shapes of reminders (reference §3.12): binding `ReminderCreateModel`,
`ReminderFetchModel`, `ReminderBookModel` and `ReminderDeleteModel`, and writing
`ReminderViewModel` with its Danish (or, for en-GB invoices, English) labels.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bilag.api.binding import Prop, bind_object
from bilag.api.errors import validation_failure
from bilag.api.manual_voucher_models import parse_date
from bilag.ledger.reminders import ReminderAmounts, ReminderChoice
from bilag.storage.models import SalesDocument
from bilag.storage.reminders import ReminderContent

_FLAGS = (
    Prop("WithDebtCollectionWarning", "bool", required=True),
    Prop("WithFee", "bool", required=True),
    Prop("WithInterestFee", "bool", required=True),
    Prop("WithCompensationFee", "bool", required=True),
)
FETCH_PROPS = (Prop("Date", required=True, max_length=10), *_FLAGS)
CREATE_PROPS = (
    Prop("Timestamp", required=True, max_length=16),
    *FETCH_PROPS,
    Prop("Title", max_length=200),
    Prop("Description", max_length=4000),
)
TIMESTAMP_REQUIRED = (Prop("Timestamp", required=True, max_length=16),)

_ENGLISH = "en-GB"
_LABELS = {
    "da-DK": {
        "title": "Rykker {number}",
        "invoice": "Hovedstol fra ovennævnte faktura",
        "fee": "Rykkergebyr, jvf. rentelovens § 9b, stk. 1, jf. stk. 2",
        "interest": "Renter {rate}% for perioden {start} til {end}",
        "compensation": "Kompensationsgebyr, jvf. rentelovens § 9a, stk. 3",
        "accumulated": "Rykkergebyrer, -renter og evt. kompensationsgebyr fra tidligere rykkere",
        "paid": "Allerede registrerede indbetalinger",
        "total": "I alt til betaling",
        "notice": (
            "Denne rykker er samtidig et påkrav og varsel i henhold til inkassolovens § 10. "
            "Sker betaling ikke senest 10 dage fra dato, vil dette kunne medføre, at der pålægges "
            "yderligere omkostninger idet sagen herefter vil blive sendt til inkasso, hvis ikke "
            "vi har hørt fra dig."
        ),
        "description": (
            "Vedr. vort tilgodehavende i henhold til faktura {number} af fakturadato {day}.\n\n"
            "Vi kan desværre konstatere, at vi ikke har modtaget betaling af vort tilgodehavende "
            "i henhold til ovennævnte faktura.\nVi skal derfor venligst bede dig om at indbetale "
            "vort tilgodehavende så hurtigt som muligt til nedenstående bankkonto."
        ),
    },
    _ENGLISH: {
        "title": "Reminder {number}",
        "invoice": "Principal of the invoice above",
        "fee": "Reminder fee, cf. the Danish Interest Act § 9b(1), cf. (2)",
        "interest": "Interest {rate}% for the period {start} to {end}",
        "compensation": "Compensation fee, cf. the Danish Interest Act § 9a(3)",
        "accumulated": "Reminder fees, interest and any compensation fee from earlier reminders",
        "paid": "Payments already received",
        "total": "Total amount due",
        "notice": (
            "This reminder is also a demand for payment and a notice under section 10 of the "
            "Danish Debt Collection Act. If payment is not made within 10 days of this date, "
            "further costs may be added, as the case will then be passed to debt collection "
            "unless we have heard from you."
        ),
        "description": (
            "Regarding our claim according to invoice {number} dated {day}.\n\n"
            "Unfortunately we have not received payment of our claim according to the invoice "
            "above.\nWe therefore kindly ask you to pay the amount due as soon as possible to "
            "the bank account below."
        ),
    },
}


def labels(invoice: SalesDocument) -> dict[str, str]:
    return _LABELS[_ENGLISH if invoice.language == _ENGLISH else "da-DK"]


def parse_choice(values: dict[str, Any]) -> ReminderChoice:
    day = parse_date(values["Date"], "Date")
    if day is None:
        raise validation_failure({"Date": "Date must be a date like 2026-11-26."})
    return ReminderChoice(
        reminder_date=day,
        with_fee=values["WithFee"],
        with_interest=values["WithInterestFee"],
        with_compensation=values["WithCompensationFee"],
    )


def parse_fetch(body: dict[str, Any]) -> tuple[ReminderChoice, bool]:
    """The reminder asked for, and whether it carries the debt collection warning."""
    values = bind_object(body, FETCH_PROPS)
    return parse_choice(values), values["WithDebtCollectionWarning"]


def default_content(
    invoice: SalesDocument,
    number: int,
    choice: ReminderChoice,
    warning: bool,
    title: str | None = None,
    description: str | None = None,
) -> ReminderContent:
    """The reminder's content; the title and text default to "Rykker N" and Dinero's letter."""
    text = labels(invoice)
    day = invoice.document_date.strftime("%d/%m/%Y")
    return ReminderContent(
        reminder_date=choice.reminder_date,
        title=title or text["title"].format(number=number),
        description=description or text["description"].format(number=invoice.number, day=day),
        with_debt_collection_warning=warning,
        with_fee=choice.with_fee,
        with_interest_fee=choice.with_interest,
        with_compensation_fee=choice.with_compensation,
    )


def parse_create(
    body: dict[str, Any], invoice: SalesDocument, number: int
) -> tuple[str, ReminderContent]:
    """The `Timestamp` sent and the reminder's content."""
    values = bind_object(body, CREATE_PROPS)
    warning = values["WithDebtCollectionWarning"]
    content = default_content(
        invoice, number, parse_choice(values), warning, values["Title"], values["Description"]
    )
    return values["Timestamp"], content


def parse_timestamp(body: dict[str, Any]) -> str:
    timestamp: str = bind_object(body, TIMESTAMP_REQUIRED)["Timestamp"]
    return timestamp


def _money(amount: Decimal) -> float:
    return float(amount)


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def view_model(
    invoice: SalesDocument,
    shown: ReminderContent,
    amounts: ReminderAmounts,
    identity: dict[str, Any],
) -> dict[str, Any]:
    """A `ReminderViewModel`; `identity` holds Id, Number, IsDraft, IsDeleted and Timestamp."""
    text = labels(invoice)
    rate = f"{Decimal(invoice.reminder_interest_rate or 0):.2f}"
    if invoice.language != _ENGLISH:
        rate = rate.replace(".", ",")
    interest_text = text["interest"].format(
        rate=rate, start=_day(amounts.interest_from), end=_day(amounts.interest_to)
    )
    return {
        **identity,
        "DebtCollectionNoticeText": (
            text["notice"] if shown.with_debt_collection_warning else None
        ),
        "InvoiceTotalInclVatAmountText": text["invoice"],
        "InvoiceTotalInclVatAmount": _money(amounts.invoice_total),
        "FeeAmountText": text["fee"],
        "FeeAmount": _money(amounts.fee),
        "InterestAmountText": interest_text,
        "InterestAmount": _money(amounts.interest),
        "CompensationFeeAvailable": amounts.compensation_available,
        "CompensationFeeAmountText": text["compensation"],
        "CompensationFeeAmount": _money(amounts.compensation_fee),
        "AccumulatedFeesAndInterestAmountText": text["accumulated"],
        "AccumulatedFeesAndInterestAmount": _money(amounts.accumulated),
        "PaidAmountText": text["paid"],
        "PaidAmount": _money(-amounts.paid),
        "ReminderTotalInclVatAmountText": text["total"],
        "ReminderTotalInclVatAmount": _money(amounts.total),
        "Date": shown.reminder_date.isoformat(),
        "Title": shown.title,
        "Description": shown.description,
        "WithDebtCollectionWarning": shown.with_debt_collection_warning,
        "WithFee": shown.with_fee,
        "WithInterestFee": shown.with_interest_fee,
        "WithCompensationFee": shown.with_compensation_fee,
    }
