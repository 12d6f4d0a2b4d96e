"""What a voucher's page shows beyond its overview row: its lines, its journal entries and its
files; and the one rule for showing a file to a user: it must be attached to a live voucher
(a purchase voucher, purchase credit note, manual voucher or ledger item) or bound to a live
invoice or credit note of the organization. An unattached file is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, selectinload

from bilag.ledger.accounts import Account
from bilag.ledger.money import ZERO, from_ore
from bilag.storage.chart import chart_accounts
from bilag.storage.file_records import get_file
from bilag.storage.journal import DELETED
from bilag.storage.models import (
    DocumentAttachment,
    FileLink,
    JournalEntry,
    SalesDocument,
    StoredFile,
    Voucher,
    VoucherLine,
)
from bilag.storage.sales_documents import lines_from_json
from bilag.storage.voucher_figures import (
    PURCHASE,
    PURCHASE_CREDIT_NOTE,
    SALES_KINDS,
    VOUCHER_KINDS,
)

PURCHASE_KINDS = (PURCHASE, PURCHASE_CREDIT_NOTE)


@dataclass(frozen=True)
class AccountRef:
    number: int
    name: str | None


@dataclass(frozen=True)
class LineView:
    description: str
    account: AccountRef | None
    balancing_account: AccountRef | None
    vat_code: str | None
    quantity: Decimal | None
    amount: Decimal  # as entered: incl. VAT on purchases, excl. VAT on invoice lines


@dataclass(frozen=True)
class EntryView:
    entry_date: date
    account: AccountRef
    description: str
    vat_code: str | None
    debit: Decimal
    credit: Decimal


@dataclass(frozen=True)
class FileView:
    guid: str
    name: str
    content_type: str
    size: int

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


def _ref(chart: dict[int, Account], number: int | None) -> AccountRef | None:
    if number is None:
        return None
    found = chart.get(number)
    return AccountRef(number, None if found is None else found.name)


def _chart(session: Session, organization_id: int) -> dict[int, Account]:
    return {account.number: account for account in chart_accounts(session, organization_id)}


def voucher_lines(session: Session, organization_id: int, kind: str, guid: str) -> list[LineView]:
    """The voucher's lines as entered, with account names; [] when it is not there."""
    chart = _chart(session, organization_id)
    if kind in SALES_KINDS:
        document = session.get(SalesDocument, guid)
        if document is None or document.organization_id != organization_id or document.kind != kind:
            return []
        return [
            LineView(
                description=priced.line.description,
                account=_ref(chart, priced.line.account),
                balancing_account=None,
                vat_code=priced.vat_code,
                quantity=priced.line.quantity,
                amount=priced.total_excl_vat,
            )
            for priced in lines_from_json(document.lines)
        ]
    voucher = session.scalar(
        select(Voucher).options(selectinload(Voucher.lines)).where(Voucher.guid == guid)
    )
    if voucher is None or voucher.organization_id != organization_id or voucher.kind != kind:
        return []
    return [
        LineView(
            description=row.description,
            account=_ref(chart, row.account_number),
            balancing_account=_ref(chart, row.balancing_account_number),
            vat_code=_line_vat_code(chart, kind, row),
            quantity=None,
            amount=from_ore(row.amount_ore),
        )
        for row in voucher.lines
    ]


def _line_vat_code(chart: dict[int, Account], kind: str, row: VoucherLine) -> str | None:
    """The line's own code; on a purchase line without one, its account's default, which is
    what booking applies."""
    code = row.account_vat_code or row.balancing_vat_code
    if code is None and kind in PURCHASE_KINDS and row.account_number is not None:
        account = chart.get(row.account_number)
        code = None if account is None else account.vat_code
    return code


def voucher_entries(session: Session, organization_id: int, guid: str) -> list[EntryView]:
    """The journal entries booked under the voucher (a reversal included), in booking order."""
    chart = _chart(session, organization_id)
    rows = session.scalars(
        select(JournalEntry)
        .where(JournalEntry.organization_id == organization_id, JournalEntry.voucher_guid == guid)
        .order_by(JournalEntry.id)
    )
    views = []
    for row in rows:
        amount = from_ore(row.amount_ore)
        views.append(
            EntryView(
                entry_date=row.entry_date,
                account=_ref(chart, row.account_number) or AccountRef(row.account_number, None),
                description=row.description,
                vat_code=row.vat_code,
                debit=amount if amount > ZERO else ZERO,
                credit=-amount if amount < ZERO else ZERO,
            )
        )
    return views


def voucher_files(session: Session, organization_id: int, kind: str, guid: str) -> list[FileView]:
    """The file a voucher carries, or the files bound to an invoice or credit note."""
    if kind in VOUCHER_KINDS:
        statement = (
            select(StoredFile)
            .join(Voucher, Voucher.file_guid == StoredFile.guid)
            .where(Voucher.guid == guid, Voucher.organization_id == organization_id)
        )
    else:
        statement = (
            select(StoredFile)
            .join(DocumentAttachment, DocumentAttachment.file_guid == StoredFile.guid)
            .where(
                DocumentAttachment.document_guid == guid,
                DocumentAttachment.organization_id == organization_id,
            )
            .order_by(DocumentAttachment.bound_at)
        )
    statement = statement.where(StoredFile.organization_id == organization_id)
    return [
        FileView(row.guid, row.name, row.content_type, row.size)
        for row in session.scalars(statement)
    ]


def get_attached_file(session: Session, organization_id: int, file_guid: str) -> StoredFile | None:
    """The organization's file when a live voucher or sales document uses it; None otherwise."""
    found = get_file(session, organization_id, file_guid)
    if found is None:
        return None
    live_voucher = and_(Voucher.organization_id == organization_id, Voucher.status != DELETED)
    linked = exists().where(
        FileLink.file_guid == found.guid, FileLink.target_id == Voucher.guid, live_voucher
    )
    carried = exists().where(Voucher.file_guid == found.guid, live_voucher)
    on_document = exists().where(
        and_(
            DocumentAttachment.file_guid == found.guid,
            DocumentAttachment.organization_id == organization_id,
            SalesDocument.guid == DocumentAttachment.document_guid,
            SalesDocument.status != DELETED,
        )
    )
    used = session.scalar(select(linked | carried | on_document))
    return found if used else None
