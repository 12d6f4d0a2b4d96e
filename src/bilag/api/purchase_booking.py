"""What purchase vouchers and purchase credit notes share: the checks a draft passes when saved
and when booked, its postings, its file, and the `VoucherBooked` event every booking raises."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from bilag.api.entries_models import VOUCHER_TYPES
from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.api.files import file_guid_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.identity.webhooks.events import record_event
from bilag.ledger.accounts import Account
from bilag.ledger.entries import Posting
from bilag.ledger.errors import InvalidAccount, LedgerError, UnknownVatCode
from bilag.ledger.posting import Posted, PurchaseLine, PurchaseVoucher, post_purchase_voucher
from bilag.ledger.purchases import post_purchase_credit_note, region_problems
from bilag.ledger.vat import is_known_code
from bilag.storage.chart import SessionLedger
from bilag.storage.file_records import AttachmentKind, FileGuidRefused, attach_file
from bilag.storage.journal import BOOKED, get_voucher
from bilag.storage.models import Voucher
from bilag.storage.purchase_payments import paid_total
from bilag.storage.purchases import (
    PURCHASE,
    PURCHASE_CREDIT_NOTE,
    PurchaseContent,
    PurchaseDraftLine,
    is_live_contact,
    purchase_lines_of,
)

Chart = Mapping[int, Account]
_FIRST_LINE = re.compile(r"^Lines\[0\]")
NAMES = {PURCHASE: "purchase voucher", PURCHASE_CREDIT_NOTE: "purchase credit note"}


def chart_of(session: Session, organization_id: int) -> dict[int, Account]:
    return {
        account.number: account for account in SessionLedger(session).list_accounts(organization_id)
    }


def require_voucher(session: Session, organization_id: int, guid: str, kind: str) -> Voucher:
    found = get_voucher(session, organization_id, guid, kind)
    if found is None:
        message = f"No {NAMES.get(kind, 'voucher')} with guid '{guid}' was found."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return found


def paid_on(session: Session, voucher: Voucher) -> Decimal:
    """What has been paid; only a booked credit purchase or credit note can have payments."""
    if voucher.status != BOOKED or voucher.purchase_type == "cash":
        return Decimal(0)
    return paid_total(session, voucher.organization_id, voucher.guid)


def refuse_deleting_paid(session: Session, voucher: Voucher) -> None:
    """A purchase or credit note with payments can't be deleted: its payments would dangle."""
    if paid_on(session, voucher) != 0:
        message = "The voucher has payments; delete its payments before deleting the voucher."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"Timestamp": message})


def _renumbered(problem: LedgerError, index: int) -> LedgerError:
    where = f"Lines[{index}]"
    return type(problem)(
        _FIRST_LINE.sub(where, problem.message), _FIRST_LINE.sub(where, problem.field)
    )


def _purchase_line(line: PurchaseDraftLine) -> PurchaseLine:
    return PurchaseLine(line.account or 0, line.amount, line.vat_code, line.description)


def check_draft(
    session: Session, organization_id: int, content: PurchaseContent, chart: Chart
) -> PurchaseContent:
    """Every problem a saved draft may not have, in one 400; the draft with its deposit account
    filled in (a cash purchase without one is paid from the default deposit account)."""
    problems: list[LedgerError] = []
    for index, line in enumerate(content.lines):
        if line.account is None:  # a draft may leave the account for later
            if line.vat_code is not None and not is_known_code(line.vat_code):
                field = f"Lines[{index}].VatCode"
                problems.append(UnknownVatCode(f"Unknown VAT code '{line.vat_code}'.", field))
            continue
        alone = PurchaseVoucher([_purchase_line(line)], "credit")
        problems.extend(_renumbered(p, index) for p in post_purchase_voucher(alone, chart).problems)
    deposit = content.deposit_account_number
    if content.purchase_type == "cash":
        if deposit is None:
            deposit = next((a.number for a in chart.values() if a.is_default_deposit), None)
        account = None if deposit is None else chart.get(deposit)
        if deposit is not None and (account is None or not account.is_deposit):
            message = f"Account {deposit} is not a deposit account of the organization."
            problems.append(InvalidAccount(message, "DepositAccountNumber"))
    if problems:
        raise ledger_failure(problems)
    guid = content.contact_guid
    if guid is not None and not is_live_contact(session, organization_id, guid):
        raise validation_failure({"ContactGuid": f"No contact with ContactGuid {guid} here."})
    return replace(content, deposit_account_number=deposit)


def _require_to_book(voucher: Voucher, session: Session) -> None:
    lines = purchase_lines_of(voucher)
    problems: dict[str, str] = {}
    if not lines:
        problems["Lines"] = "A voucher needs at least one line to be booked."
    for index, line in enumerate(lines):
        if line.account is None:
            problems[f"Lines[{index}].AccountNumber"] = "AccountNumber is required to book."
    credit = voucher.purchase_type != "cash"
    if credit and voucher.contact_guid is None:
        problems["ContactGuid"] = "ContactGuid is required to book."
    elif voucher.contact_guid is not None and not is_live_contact(
        session, voucher.organization_id, voucher.contact_guid
    ):
        problems["ContactGuid"] = f"The contact {voucher.contact_guid} no longer exists."
    if voucher.purchase_type == "credit" and voucher.payment_date is None:
        problems["PaymentDate"] = "PaymentDate is required to book a credit purchase."
    if problems:
        raise validation_failure(problems)


def purchase_postings(session: Session, voucher: Voucher, chart: Chart) -> tuple[Posting, ...]:
    """The booking of a purchase voucher or a purchase credit note; a 400 naming every problem."""
    _require_to_book(voucher, session)
    lines = [_purchase_line(line) for line in purchase_lines_of(voucher)]
    if voucher.kind != PURCHASE:
        posted = post_purchase_credit_note(lines, chart)
    else:
        cash = voucher.purchase_type == "cash"
        whole = PurchaseVoucher(lines, "cash" if cash else "credit", voucher.deposit_account_number)
        posted = post_purchase_voucher(whole, chart)
        if not posted.problems and cash:
            region = voucher.region_key or "DK"
            posted = Posted(posted.postings, tuple(region_problems(region, lines, chart)))
    if posted.problems:
        raise ledger_failure(posted.problems)
    return posted.postings


def attach(session: Session, voucher: Voucher, kind: AttachmentKind) -> None:
    if voucher.file_guid is None:
        return
    try:
        attach_file(
            session, voucher.organization_id, voucher.file_guid, kind, voucher.guid, voucher.number
        )
    except FileGuidRefused as refused:
        raise file_guid_failure(refused) from None


def voucher_booked(session: Session, voucher: Voucher) -> None:
    """Raise `VoucherBooked` for subscribers, inside the booking's own transaction."""
    data: dict[str, Any] = {
        "VoucherGuid": voucher.guid,
        "VoucherNumber": voucher.number,
        "VoucherType": VOUCHER_TYPES.get(voucher.kind, voucher.kind),
        "VoucherDate": None if voucher.voucher_date is None else voucher.voucher_date.isoformat(),
    }
    record_event(session, voucher.organization_id, "VoucherBooked", data)
