"""Accounting years: calendar years by default. A booking date must fall in an existing year
(error 47), except that booking into the year right after the latest one creates it (§7.3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bilag.ledger.errors import AccountingYearExists, AccountingYearNotFound


@dataclass(frozen=True)
class AccountingYear:
    name: str
    from_date: date
    to_date: date

    def contains(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date


def calendar_year(year: int) -> AccountingYear:
    return AccountingYear(str(year), date(year, 1, 1), date(year, 12, 31))


def get_year_of(years: Sequence[AccountingYear], day: date) -> AccountingYear | None:
    return next((year for year in years if year.contains(day)), None)


def next_year_after(year: AccountingYear) -> AccountingYear:
    """The twelve months that follow `year`."""
    from_date = date.fromordinal(year.to_date.toordinal() + 1)
    month = from_date.month + 12
    after = date(from_date.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    if from_date.day != 1:
        after = date.fromordinal(after.toordinal() + from_date.day - 1)
    to_date = date.fromordinal(after.toordinal() - 1)
    return AccountingYear(str(to_date.year), from_date, to_date)


@dataclass(frozen=True)
class YearForBooking:
    year: AccountingYear
    created: bool  # the caller must store it


def year_for_booking(years: Sequence[AccountingYear], day: date) -> YearForBooking:
    """The year a booking dated `day` goes into, creating the next one if `day` falls there."""
    found = get_year_of(years, day)
    if found is not None:
        return YearForBooking(found, created=False)
    if years:
        following = next_year_after(max(years, key=lambda year: year.to_date))
        if following.contains(day):
            return YearForBooking(following, created=True)
    raise AccountingYearNotFound(
        f"No accounting year contains {day.isoformat()}; "
        "a booking may only be dated in an existing year or the one right after the latest.",
        "VoucherDate",
    )


def current_year_to_create(years: Sequence[AccountingYear], today: date) -> AccountingYear:
    """The year containing `today` for create-current-year: refused if it exists, and it must
    follow straight on from the latest existing year."""
    if get_year_of(years, today) is not None:
        raise AccountingYearExists(f"The accounting year containing {today.isoformat()} exists.")
    if not years:
        return calendar_year(today.year)
    following = next_year_after(max(years, key=lambda year: year.to_date))
    if not following.contains(today):
        raise AccountingYearNotFound(
            f"The year before {today.isoformat()} does not exist; create it first by booking "
            "into it."
        )
    return following
