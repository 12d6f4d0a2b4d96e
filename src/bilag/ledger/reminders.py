"""Reminders (rykkere) of overdue invoices: when one may be sent, what it charges, and the
postings of booking it (reference §2.6, §3.12, §7.3; renteloven §§ 9 a-9 b).

- A reminder is dated after the invoice's due date, while part of the invoice is unpaid. An
  invoice gets at most three; each is dated at least ten days after the one before, which must
  be booked first.
- The fee is the invoice's reminder fee, at most 100 kr. Interest is the invoice's rate (% per
  month) on the unpaid amount, pro rata by days/30, from the due date (or the last earlier
  reminder that charged interest) to the reminder's date. The compensation fee of 310 kr. is for
  business customers, once per invoice.
- All amounts are DKK. Booking debits debtors the sum and credits the fee and the compensation
  to sales without VAT (1100) and the interest to interest income (9000); none carries VAT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from bilag.ledger.chart import DEBTORS_ACCOUNT
from bilag.ledger.entries import Posting, without_zeros
from bilag.ledger.errors import LedgerError
from bilag.ledger.money import ZERO, round_kroner

MAX_REMINDERS = 3
DAYS_BETWEEN = 10
DAYS_PER_MONTH = 30
MAX_FEE = Decimal("100.00")
COMPENSATION_FEE = Decimal("310.00")
FEE_ACCOUNT = 1100  # "Salg af varer og ydelser u/moms": income outside VAT
INTEREST_ACCOUNT = 9000  # "Renteindtægter"


class ReminderRefused(LedgerError):
    """The invoice can't get this reminder: paid, not yet due, too many, too soon."""

    code: ClassVar[int] = 45


@dataclass(frozen=True)
class RemindedInvoice:
    """What the rules need of the invoice, in DKK."""

    total: Decimal  # incl. VAT
    paid: Decimal
    due_date: date
    fee: Decimal  # the invoice's reminder fee
    interest_rate: Decimal  # percent per month
    business_customer: bool

    @property
    def unpaid(self) -> Decimal:
        return max(self.total - self.paid, ZERO)


@dataclass(frozen=True)
class EarlierReminder:
    """A reminder of the same invoice that is not deleted."""

    number: int
    reminder_date: date
    booked: bool
    with_interest: bool
    fees: Decimal  # fee, interest and compensation together
    has_compensation: bool


@dataclass(frozen=True)
class ReminderChoice:
    reminder_date: date
    with_fee: bool
    with_interest: bool
    with_compensation: bool


@dataclass(frozen=True)
class ReminderAmounts:
    invoice_total: Decimal
    fee: Decimal
    interest: Decimal
    interest_from: date  # the first day of the interest period
    interest_to: date
    compensation_available: bool
    compensation_fee: Decimal
    accumulated: Decimal  # what the earlier booked reminders charged
    paid: Decimal

    @property
    def fees(self) -> Decimal:
        """What this reminder charges."""
        return self.fee + self.interest + self.compensation_fee

    @property
    def total(self) -> Decimal:
        """What the customer owes with this reminder."""
        return self.invoice_total + self.fees + self.accumulated - self.paid


def next_number(earlier: Sequence[EarlierReminder]) -> int:
    return max((reminder.number for reminder in earlier), default=0) + 1


def compensation_available(invoice: RemindedInvoice, earlier: Sequence[EarlierReminder]) -> bool:
    return invoice.business_customer and not any(r.has_compensation for r in earlier)


def earliest_date(invoice: RemindedInvoice, earlier: Sequence[EarlierReminder]) -> date:
    """The first day a reminder after `earlier` may be dated."""
    first = invoice.due_date + timedelta(days=1)
    if earlier:
        latest = max(earlier, key=lambda reminder: reminder.number)
        first = max(first, latest.reminder_date + timedelta(days=DAYS_BETWEEN))
    return first


def check_reminder(
    invoice: RemindedInvoice, earlier: Sequence[EarlierReminder], choice: ReminderChoice
) -> list[ReminderRefused]:
    """Why the reminder after `earlier` can't be given as chosen; empty when it can."""
    problems: list[ReminderRefused] = []
    if invoice.unpaid <= ZERO:
        problems.append(ReminderRefused("The invoice is paid; it needs no reminder.", "Date"))
    if choice.reminder_date <= invoice.due_date:
        message = (
            f"The invoice is not overdue on {choice.reminder_date.isoformat()}: it falls due "
            f"{invoice.due_date.isoformat()}; date the reminder after that."
        )
        problems.append(ReminderRefused(message, "Date"))
    if next_number(earlier) > MAX_REMINDERS:
        message = f"An invoice can have at most {MAX_REMINDERS} reminders."
        problems.append(ReminderRefused(message, "Number"))
    if earlier:
        problems += _after_previous(max(earlier, key=lambda r: r.number), choice.reminder_date)
    if choice.with_compensation and not compensation_available(invoice, earlier):
        message = (
            "A compensation fee is only for business customers, once per invoice."
            if invoice.business_customer
            else "A compensation fee is only for business customers, not private persons."
        )
        problems.append(ReminderRefused(message, "WithCompensationFee"))
    return problems


def _after_previous(previous: EarlierReminder, day: date) -> list[ReminderRefused]:
    problems = []
    if not previous.booked:
        message = f"Book or delete reminder {previous.number} before adding the next."
        problems.append(ReminderRefused(message, "Number"))
    earliest = previous.reminder_date + timedelta(days=DAYS_BETWEEN)
    if day < earliest:
        message = (
            f"A reminder must be dated at least {DAYS_BETWEEN} days after the previous one "
            f"({previous.reminder_date.isoformat()}): {earliest.isoformat()} or later."
        )
        problems.append(ReminderRefused(message, "Date"))
    return problems


def interest(unpaid: Decimal, rate: Decimal, start: date, end: date) -> Decimal:
    """`rate` percent per month on `unpaid` for the days after `start` up to `end`."""
    days = max((end - start).days, 0)
    return round_kroner(unpaid * rate / 100 * days / DAYS_PER_MONTH)


def reminder_amounts(
    invoice: RemindedInvoice, earlier: Sequence[EarlierReminder], choice: ReminderChoice
) -> ReminderAmounts:
    """What the reminder after `earlier` charges and shows."""
    anchor = max(
        [invoice.due_date] + [r.reminder_date for r in earlier if r.with_interest],
    )
    charged = (
        interest(invoice.unpaid, invoice.interest_rate, anchor, choice.reminder_date)
        if choice.with_interest
        else ZERO
    )
    available = compensation_available(invoice, earlier)
    return ReminderAmounts(
        invoice_total=invoice.total,
        fee=min(invoice.fee, MAX_FEE) if choice.with_fee else ZERO,
        interest=charged,
        interest_from=anchor + timedelta(days=1),
        interest_to=choice.reminder_date,
        compensation_available=available,
        compensation_fee=COMPENSATION_FEE if choice.with_compensation and available else ZERO,
        accumulated=sum((r.fees for r in earlier if r.booked), ZERO),
        paid=invoice.paid,
    )


def reminder_postings(
    fee: Decimal, interest_amount: Decimal, compensation_fee: Decimal, description: str
) -> tuple[Posting, ...]:
    """Debtors debited what the reminder charges; fees and interest credited to income."""
    fees = fee + compensation_fee
    return without_zeros(
        (
            Posting(DEBTORS_ACCOUNT, fees + interest_amount, None, description),
            Posting(FEE_ACCOUNT, -fees, None, description),
            Posting(INTEREST_ACCOUNT, -interest_amount, None, description),
        )
    )
