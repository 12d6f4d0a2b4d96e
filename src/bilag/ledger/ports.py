"""What the ledger needs from storage, as Protocols that `bilag.storage` implements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bilag.ledger.accounts import Account
from bilag.ledger.entries import Posting
from bilag.ledger.years import AccountingYear


class ChartOfAccounts(Protocol):
    def list_accounts(self, organization_id: int) -> Sequence[Account]: ...

    def add_account(self, organization_id: int, account: Account) -> None: ...


class AccountingYears(Protocol):
    def list_years(self, organization_id: int) -> Sequence[AccountingYear]: ...

    def add_year(self, organization_id: int, year: AccountingYear) -> None: ...


class VoucherNumbers(Protocol):
    def highest_number(self, organization_id: int, year: AccountingYear) -> int: ...

    def number_taken(self, organization_id: int, year: AccountingYear, number: int) -> bool: ...


class Journal(Protocol):
    def append(
        self, organization_id: int, voucher_number: int, day: date, postings: Sequence[Posting]
    ) -> None: ...
