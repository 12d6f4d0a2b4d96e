"""Manual vouchers and kassekladde items, checked before they are sent (dinero-api.md §3.8, §3.9).

Each line books `amount` on `account_number` against `balancing_account_number`. A kassekladde line
that pays a voucher names it in `is_payment_for_voucher_id` and then has no `account_number`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bilag.client._drafts import (
    MAX_REFERENCE,
    Number,
    _amount_problem,
    _clean,
    _date_problem,
    _guid_problem,
    _int_problem,
    _text_problems,
    _vat_problem,
    money,
    wire_date,
)


@dataclass
class JournalLine:
    amount: Number
    account_number: int | None = None
    balancing_account_number: int | None = None
    description: str | None = None
    account_vat_code: str | None = None
    balancing_account_vat_code: str | None = None
    is_payment_for_voucher_id: str | None = None  # kassekladde only

    def problems(self, at: str) -> list[str]:
        found = _amount_problem(f"{at}.Amount", self.amount)
        found += _int_problem(f"{at}.AccountNumber", self.account_number)
        found += _int_problem(f"{at}.BalancingAccountNumber", self.balancing_account_number)
        found += _vat_problem(f"{at}.AccountVatCode", self.account_vat_code)
        found += _vat_problem(f"{at}.BalancingAccountVatCode", self.balancing_account_vat_code)
        found += _guid_problem(f"{at}.IsPaymentForVoucherId", self.is_payment_for_voucher_id)
        if self.is_payment_for_voucher_id is not None and self.account_number is not None:
            found.append(f"{at}.AccountNumber must be empty on a line that pays a voucher")
        sides = (self.account_number, self.balancing_account_number, self.is_payment_for_voucher_id)
        if all(side is None for side in sides):
            found.append(f"{at} needs an AccountNumber or a BalancingAccountNumber")
        return found

    def to_wire(self, *, ledger: bool) -> dict[str, Any]:
        body = {
            "Amount": money(self.amount),
            "AccountNumber": self.account_number,
            "BalancingAccountNumber": self.balancing_account_number,
            "Description": self.description,
            "AccountVatCode": self.account_vat_code,
            "BalancingAccountVatCode": self.balancing_account_vat_code,
        }
        if ledger:
            body["IsPaymentForVoucherId"] = self.is_payment_for_voucher_id
        return _clean(body)


@dataclass
class ManualVoucherDraft:
    voucher_date: datetime.date | str
    lines: Sequence[JournalLine] = field(default_factory=list)
    file_guid: str | None = None
    external_reference: str | None = None

    def problems(self) -> list[str]:
        found = _date_problem("VoucherDate", self.voucher_date, required=True)
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        if not self.lines:
            found.append("Lines needs at least one line")
        for index, line in enumerate(self.lines):
            found += line.problems(f"Lines[{index}]")
            if line.is_payment_for_voucher_id is not None:
                found.append(f"Lines[{index}]: only kassekladde lines can pay a voucher")
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "VoucherDate": wire_date(self.voucher_date),
                "Lines": [line.to_wire(ledger=False) for line in self.lines],
                "FileGuid": self.file_guid,
                "ExternalReference": self.external_reference,
            }
        )


@dataclass
class LedgerItemDraft:
    voucher_date: datetime.date | str
    lines: Sequence[JournalLine] = field(default_factory=list)
    file_guid: str | None = None
    voucher_number: int | None = None
    id: str | None = None  # chosen by the client, or by the server when left out

    def problems(self, at: str = "item") -> list[str]:
        found = _date_problem(f"{at}.VoucherDate", self.voucher_date, required=True)
        found += _guid_problem(f"{at}.Id", self.id)
        found += _int_problem(f"{at}.VoucherNumber", self.voucher_number)
        if not self.lines:
            found.append(f"{at}.Lines needs at least one line")
        for index, line in enumerate(self.lines):
            found += line.problems(f"{at}.Lines[{index}]")
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "VoucherDate": wire_date(self.voucher_date),
                "Lines": [line.to_wire(ledger=True) for line in self.lines],
                "FileGuid": self.file_guid,
                "VoucherNumber": self.voucher_number,
                "Id": self.id,
            }
        )
