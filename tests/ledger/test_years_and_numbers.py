from __future__ import annotations

from datetime import date

import pytest

from bilag.ledger.errors import (
    AccountingYearExists,
    AccountingYearNotFound,
    InvalidAmount,
    VoucherNumberTaken,
)
from bilag.ledger.numbering import (
    choose_after_highest,
)
from bilag.ledger.years import (
    AccountingYear,
    calendar_year,
    current_year_to_create,
    next_year_after,
    year_for_booking,
)

YEARS = [calendar_year(2025), calendar_year(2026)]


def test_a_date_in_an_existing_year_books_there() -> None:
    found = year_for_booking(YEARS, date(2025, 6, 30))
    assert (found.year.name, found.created) == ("2025", False)


def test_the_next_possible_year_is_created_by_booking_into_it() -> None:
    found = year_for_booking(YEARS, date(2027, 1, 1))
    assert (found.year, found.created) == (calendar_year(2027), True)


@pytest.mark.parametrize("day", [date(2024, 12, 31), date(2028, 1, 1)])
def test_other_dates_are_error_47(day: date) -> None:
    with pytest.raises(AccountingYearNotFound) as raised:
        year_for_booking(YEARS, day)
    assert raised.value.code == 47


def test_a_shifted_year_is_followed_by_twelve_months() -> None:
    shifted = AccountingYear("2025", date(2024, 7, 1), date(2025, 6, 30))
    assert next_year_after(shifted) == AccountingYear("2026", date(2025, 7, 1), date(2026, 6, 30))


def test_create_current_year_needs_the_year_before_and_refuses_an_existing_one() -> None:
    assert current_year_to_create(YEARS, date(2027, 3, 1)) == calendar_year(2027)
    with pytest.raises(AccountingYearExists):
        current_year_to_create(YEARS, date(2026, 3, 1))
    with pytest.raises(AccountingYearNotFound):
        current_year_to_create(YEARS, date(2029, 3, 1))


def test_numbers_follow_the_highest_without_listing_the_year() -> None:
    assert choose_after_highest(0, None, requested_taken=False) == 1
    assert choose_after_highest(41, None, requested_taken=False) == 42
    assert choose_after_highest(41, 7, requested_taken=False) == 7
    with pytest.raises(VoucherNumberTaken):
        choose_after_highest(41, 7, requested_taken=True)
    with pytest.raises(InvalidAmount):
        choose_after_highest(41, 0, requested_taken=False)
