"""Bilagsoversigt's query and a voucher's details, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from bilag.identity.organizations import create_organization
from bilag.ledger.posting import BalancedLine, PurchaseLine, PurchaseVoucher, post_purchase_voucher
from bilag.ledger.sales import SalesLine, invoice_postings, price_lines
from bilag.storage.chart import chart_accounts
from bilag.storage.db import Database
from bilag.storage.file_records import AttachmentKind, NewFile, attach_file, insert_file
from bilag.storage.journal import BookedBy, book_voucher, delete_voucher, get_voucher
from bilag.storage.models import Contact
from bilag.storage.purchase_choices import contact_choices, deposit_accounts, expense_accounts
from bilag.storage.purchase_payments import record_payment
from bilag.storage.purchases import PurchaseContent, PurchaseDraftLine, add_purchase_draft
from bilag.storage.sales_documents import SalesContent, add_sales_draft, book_sales_document
from bilag.storage.voucher_details import (
    get_attached_file,
    voucher_entries,
    voucher_files,
    voucher_lines,
)
from bilag.storage.voucher_drafts import DraftContent, add_draft
from bilag.storage.voucher_overview import get_overview_row, list_overview
from bilag.storage.voucher_query import OverviewQuery

DAY = date(2026, 11, 2)
API = BookedBy("API", "isv_shop", "alice@example.com")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    found = Database(database_url)
    yield found
    found.dispose()


@pytest.fixture
def orgs(database: Database) -> tuple[int, int]:
    with database.write() as session:
        mine = create_organization(session, name="Bogholderi ApS").id
        theirs = create_organization(session, name="Andet ApS").id
    return mine, theirs


def _chart(session: Session, org: int) -> dict[int, object]:
    return {account.number: account for account in chart_accounts(session, org)}


def _contact(session: Session, org: int, name: str) -> str:
    guid = str(uuid.uuid4())
    session.add(Contact(guid=guid, organization_id=org, name=name, country_key="DK"))
    session.flush()
    return guid


def _file(session: Session, org: int, name: str = "kvittering.png") -> str:
    new = NewFile(org, name, "png", "image/png", 10, "ab" * 32, True, "isv_shop", None, None)
    return insert_file(session, new).guid


def _purchase(
    session: Session,
    org: int,
    amount: str,
    *,
    day: date = DAY,
    cash: bool = True,
    book: bool = True,
    contact: str | None = None,
    file_guid: str | None = None,
    text: str = "Printerpapir",
) -> str:
    line = PurchaseDraftLine(Decimal(amount), 6000, None, text)
    content = PurchaseContent(
        voucher_date=day,
        lines=[line],
        purchase_type="cash" if cash else "credit",
        deposit_account_number=55000 if cash else None,
        contact_guid=contact,
        payment_date=None if cash else day + timedelta(days=8),
        file_guid=file_guid,
    )
    voucher = add_purchase_draft(session, org, "purchase", content)
    if file_guid:
        attach_file(session, org, file_guid, AttachmentKind.PURCHASE_VOUCHER, voucher.guid)
    if book:
        chart = _chart(session, org)
        posted = post_purchase_voucher(
            PurchaseVoucher(
                [PurchaseLine(6000, Decimal(amount), None, text)],
                "cash" if cash else "credit",
                55000 if cash else None,
            ),
            chart,  # type: ignore[arg-type]
        )
        assert not posted.problems
        book_voucher(session, voucher, voucher.timestamp, None, lambda _: posted.postings, API)
    return voucher.guid


def _manual(session: Session, org: int, kind: str = "manual", *, book: bool = True) -> str:
    line = BalancedLine(Decimal("250.00"), 55010, 55000, None, None, "Overførsel")
    voucher = add_draft(session, org, kind, DraftContent(DAY, [line]))
    if book:
        from bilag.ledger.posting import post_balanced_lines

        posted = post_balanced_lines([line], _chart(session, org))  # type: ignore[arg-type]
        booker = BookedBy("Kassekladde" if kind == "ledger_item" else "User", None, "bo@x.dk")
        book_voucher(session, voucher, voucher.timestamp, None, lambda _: posted.postings, booker)
    return voucher.guid


def _invoice(
    session: Session, org: int, kind: str = "invoice", *, currency: str = "DKK", rate: str = "100"
) -> str:
    priced = price_lines([SalesLine(description="Rådgivning", base_amount=Decimal("1000"),
                                    account=1000)], _chart(session, org), False)  # type: ignore[arg-type]  # fmt: skip
    content = SalesContent(
        totals=priced.totals,
        document_date=DAY,
        currency=currency,
        exchange_rate=Decimal(rate),
        description="Timer i november",
        payment_date=DAY + timedelta(days=8),
    )
    document = add_sales_draft(session, org, kind, content)
    if kind != "trade_offer":
        postings = invoice_postings(priced.totals, Decimal(rate), "Faktura")
        book_sales_document(session, document, document.timestamp, None, lambda _: postings, API)
    return document.guid


def _delete(session: Session, org: int, guid: str) -> None:
    voucher = get_voucher(session, org, guid, "purchase")
    assert voucher is not None
    delete_voucher(session, voucher, voucher.timestamp)


def test_lists_every_kind_newest_first_and_leaves_out_the_rest(
    database: Database, orgs: tuple[int, int]
) -> None:
    mine, theirs = orgs
    with database.write() as session:
        newest = _purchase(session, mine, "80.00", day=DAY + timedelta(days=1))
        purchase = _purchase(session, mine, "125.00")
        manual = _manual(session, mine)
        item = _manual(session, mine, "ledger_item")
        _manual(session, mine, "ledger_item", book=False)  # still in the kassekladde
        invoice = _invoice(session, mine)
        credit_note = _invoice(session, mine, "credit_note")
        _invoice(session, mine, "trade_offer")
        _delete(session, mine, _purchase(session, mine, "50.00", book=False))
        _purchase(session, theirs, "999.00")
    with database.read() as session:
        page = list_overview(session, mine, OverviewQuery(today=DAY))
    assert {row.guid: row.kind for row in page.rows} == {
        newest: "purchase",
        purchase: "purchase",
        manual: "manual",
        item: "ledger_item",
        invoice: "invoice",
        credit_note: "credit_note",
    }
    assert page.rows[0].guid == newest
    assert page.total == 6


def test_rows_carry_amount_status_contact_and_who_booked(
    database: Database, orgs: tuple[int, int]
) -> None:
    mine, _ = orgs
    with database.write() as session:
        supplier = _contact(session, mine, "Kontorland A/S")
        cash = _purchase(session, mine, "125.00", contact=supplier)
        owed = _purchase(session, mine, "400.00", cash=False)
        settled = _purchase(session, mine, "300.00", cash=False)
        record_payment(
            session,
            organization_id=mine,
            voucher_guid=settled,
            entry_voucher_guid=settled,
            amount=Decimal("300.00"),
            payment_date=DAY,
            deposit_account_number=55000,
            description="Betaling",
        )
        draft = _purchase(session, mine, "60.00", book=False)
        manual = _manual(session, mine)
        euro = _invoice(session, mine, currency="EUR", rate="745")
    with database.read() as session:
        later = {
            r.guid: r
            for r in list_overview(
                session, mine, OverviewQuery(today=DAY + timedelta(days=30))
            ).rows
        }  # noqa: E501
        now = {r.guid: r for r in list_overview(session, mine, OverviewQuery(today=DAY)).rows}
    assert (later[cash].amount, later[cash].status) == (Decimal("125.00"), "paid")
    assert later[cash].contact_name == "Kontorland A/S"
    assert later[cash].booked_by == "API (isv_shop)"
    assert later[cash].description == "Printerpapir"
    assert (later[owed].status, now[owed].status) == ("overdue", "booked")
    assert later[settled].status == "paid"
    assert (later[draft].status, later[draft].booked_by, later[draft].number) == (
        "draft",
        None,
        None,
    )
    assert (later[manual].status, later[manual].booked_by) == ("booked", "bo@x.dk")
    assert later[euro].amount == Decimal("9312.50")  # 1,250 EUR incl. VAT at 745
    assert (later[euro].status, now[euro].status) == ("overdue", "booked")


def test_filters_by_kind_status_date_and_text(database: Database, orgs: tuple[int, int]) -> None:
    mine, _ = orgs
    with database.write() as session:
        supplier = _contact(session, mine, "Kontorland A/S")
        early = _purchase(session, mine, "10.00", day=DAY - timedelta(days=40), text="Frimærker")
        draft = _purchase(session, mine, "20.00", book=False, contact=supplier)
        invoice = _invoice(session, mine)

    def guids(**filters: object) -> set[str]:
        query = OverviewQuery(today=DAY, **filters)  # type: ignore[arg-type]
        with database.read() as session:
            return {row.guid for row in list_overview(session, mine, query).rows}

    assert guids(kinds=("invoice",)) == {invoice}
    assert guids(kinds=("purchase", "manual")) == {early, draft}
    assert guids(statuses=("draft",)) == {draft}
    assert guids(statuses=("paid", "booked")) == {early, invoice}
    assert guids(date_from=DAY - timedelta(days=1)) == {draft, invoice}
    assert guids(date_to=DAY - timedelta(days=1)) == {early}
    assert guids(text="kontorLAND") == {draft}
    assert guids(text="frimær") == {early}
    assert guids(text="november") == {invoice}
    assert guids(text="%") == set()
    with database.read() as session:
        number = get_overview_row(session, mine, "purchase", early)
    assert number is not None and number.number is not None
    assert early in guids(text=str(number.number), kinds=("purchase",))


def test_pages_hold_fifty_rows(database: Database, orgs: tuple[int, int]) -> None:
    mine, _ = orgs
    with database.write() as session:
        made = {_purchase(session, mine, "1.00", book=False) for _ in range(55)}
    with database.read() as session:
        first = list_overview(session, mine, OverviewQuery(today=DAY))
        second = list_overview(session, mine, OverviewQuery(today=DAY, page=1))
    assert (len(first.rows), len(second.rows), first.total, first.page_count) == (50, 5, 55, 2)
    assert {row.guid for row in first.rows} | {row.guid for row in second.rows} == made


def test_one_row_only_for_its_organization_and_kind(
    database: Database, orgs: tuple[int, int]
) -> None:
    mine, theirs = orgs
    with database.write() as session:
        guid = _purchase(session, mine, "125.00")
    with database.read() as session:
        assert get_overview_row(session, mine, "purchase", guid.upper()) is not None
        assert get_overview_row(session, theirs, "purchase", guid) is None
        assert get_overview_row(session, mine, "manual", guid) is None
        assert get_overview_row(session, mine, "nonsense", guid) is None


def test_details_show_lines_entries_and_only_attached_files(
    database: Database, orgs: tuple[int, int]
) -> None:
    mine, theirs = orgs
    with database.write() as session:
        receipt = _file(session, mine)
        loose = _file(session, mine, "løs.png")
        dropped = _file(session, mine, "kladde.png")
        guid = _purchase(session, mine, "125.00", file_guid=receipt)
        _delete(session, mine, _purchase(session, mine, "5.00", book=False, file_guid=dropped))
    with database.read() as session:
        lines = voucher_lines(session, mine, "purchase", guid)
        entries = voucher_entries(session, mine, guid)
        files = voucher_files(session, mine, "purchase", guid)
        assert get_attached_file(session, mine, receipt) is not None
        assert get_attached_file(session, mine, loose) is None
        assert get_attached_file(session, mine, dropped) is None
        assert get_attached_file(session, theirs, receipt) is None
        assert voucher_lines(session, theirs, "purchase", guid) == []
        assert voucher_entries(session, theirs, guid) == []
    assert [
        (line.account.number, line.account.name, line.vat_code, line.amount)
        for line in lines
        if line.account
    ] == [(6000, "Kontorartikler", "I25", Decimal("125.00"))]
    booked = {(e.account.number, e.debit, e.credit) for e in entries}
    assert booked == {
        (6000, Decimal("100.00"), Decimal("0")),
        (64010, Decimal("25.00"), Decimal("0")),
        (55000, Decimal("0"), Decimal("125.00")),
    }
    assert [(f.guid, f.is_image, f.is_pdf) for f in files] == [(receipt, True, False)]


def test_template_choices_put_the_most_used_expense_accounts_first(
    database: Database, orgs: tuple[int, int]
) -> None:
    mine, theirs = orgs
    with database.write() as session:
        _contact(session, mine, "Zebra ApS")
        _contact(session, mine, "alfa IVS")
        _contact(session, theirs, "Fremmed A/S")
        _purchase(session, mine, "10.00")
        _purchase(session, mine, "20.00", book=False)
        _purchase(session, theirs, "30.00")
    with database.read() as session:
        accounts = expense_accounts(session, mine)
        deposits = deposit_accounts(session, mine)
        contacts = contact_choices(session, mine)
        theirs_accounts = expense_accounts(session, theirs)
    assert [(a.number, used) for a, used in accounts[:2]] == [(6000, 2), (2000, 0)]
    assert all(a.is_purchase for a, _ in accounts)
    assert theirs_accounts[0][0].number == 6000 and theirs_accounts[0][1] == 1
    assert deposits[0].number == 55000 and all(a.is_deposit for a in deposits)
    assert [c.name for c in contacts] == ["alfa IVS", "Zebra ApS"]
