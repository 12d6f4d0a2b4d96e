"""Every problem the ledger can report: one tree, each with a stable code and no HTTP status.

    LedgerError (code 42, "Validation Error")     base; `field` names the property at fault
    ├── UnknownAccount                 42   an account number the organization does not have
    ├── UnknownVatCode                 42   a VAT code bilag does not know
    ├── InvalidAmount                  42   zero, too many decimals, or out of range
    ├── InvalidAccount                 42   a new account's number, range or name is wrong
    ├── AccountNumberTaken             42   a new account's number is already in the chart
    ├── VatOnBothSides                 42   a line carries a VAT code on both of its sides
    ├── VoucherNumberTaken             42   an explicit voucher number is already used
    ├── Unbalanced                     42   postings whose debits and credits differ
    ├── VersionConflict                58   a stale or missing Timestamp (reference §1.7)
    ├── AccountingYearNotFound         47   a date outside every accounting year (reference §5.3)
    └── AccountingYearExists           45   creating a year that is already there

Validations return lists of these values (so five bad lines report five problems); `raise` is
for callers that want to stop at the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(eq=True)
class LedgerError(Exception):
    message: str
    field: str = ""
    code: ClassVar[int] = 42

    def __str__(self) -> str:
        return self.message


class UnknownAccount(LedgerError):
    pass


class UnknownVatCode(LedgerError):
    pass


class InvalidAmount(LedgerError):
    pass


class InvalidAccount(LedgerError):
    pass


class AccountNumberTaken(LedgerError):
    pass


class VatOnBothSides(LedgerError):
    pass


class VoucherNumberTaken(LedgerError):
    pass


class Unbalanced(LedgerError):
    pass


class AccountingYearNotFound(LedgerError):
    code: ClassVar[int] = 47


class AccountingYearExists(LedgerError):
    code: ClassVar[int] = 45


class VersionConflict(LedgerError):
    code: ClassVar[int] = 58
