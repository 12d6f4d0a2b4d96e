"""`vouchers purchase create|book` and `manual create|book`: one line per voucher."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from bilag.client import (
    Books,
    JournalLine,
    ManualVoucherDraft,
    PurchaseLine,
    PurchaseVoucherDraft,
    Voucher,
)
from bilag.client_cli._output import record, show_record
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import AMOUNT, DATE, F, books_command

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def voucher_options(command: F) -> F:
    """What every voucher has: a date, an amount, a text, a receipt, and `--book`."""
    for option in reversed(
        (
            click.option("--date", "voucher_date", type=DATE, help="[default: today]"),
            click.option("--amount", type=AMOUNT, required=True, help="Incl. VAT: 125.50"),
            click.option("--description", "--text", "description", help="The line's text."),
            click.option("--file", "receipt", type=FILE, help="Upload and attach this receipt."),
            click.option("--external-reference"),
            click.option("--book", "book_now", is_flag=True, help="Book it at once."),
        )
    ):
        command = option(command)
    return command


def voucher_row(voucher: Voucher) -> dict[str, Any]:
    return record(voucher)


def finish(
    books: Books,
    kind: str,
    draft: PurchaseVoucherDraft | ManualVoucherDraft,
    receipt: Path | None,
    book_now: bool,
) -> Voucher:
    vouchers = books.purchase_vouchers if kind == "purchase" else books.manual_vouchers
    if receipt is not None:
        voucher = books.files.upload_and_attach(receipt.name, receipt.read_bytes(), draft)
    else:
        voucher = vouchers.create(draft)
    return vouchers.book(voucher, retry_stale=True) if book_now else voucher


@click.group()
def vouchers() -> None:
    """Vouchers."""


@vouchers.group()
def purchase() -> None:
    """Purchase vouchers (købsbilag): an expense paid now (cash) or later (credit)."""


@purchase.command("create")
@voucher_options
@click.option("--account", "account_number", type=int, help="The expense account, e.g. 6000.")
@click.option("--vat-code", help="e.g. I25; [default: the account's]")
@click.option("--credit", is_flag=True, help="Paid later (a supplier's invoice), not cash.")
@click.option("--deposit-account", type=int, help="Cash: the account that paid, e.g. 55000.")
@click.option("--region", type=click.Choice(["DK", "EU", "World"]), help="Cash: where bought.")
@click.option("--contact", "contact_guid", help="Credit: the supplier's contact guid.")
@click.option("--payment-date", type=DATE, help="Credit: when it is due.")
@click.option("--currency", help="Credit: e.g. EUR.")
@books_command
@pass_runtime
def create_purchase(
    runtime: Runtime,
    /,
    organization: int | None,
    as_json: bool,
    voucher_date: datetime.date | None,
    amount: Decimal,
    description: str | None,
    receipt: Path | None,
    book_now: bool,
    account_number: int | None,
    vat_code: str | None,
    credit: bool,
    deposit_account: int | None,
    region: Any,
    payment_date: datetime.date | None,
    **rest: Any,
) -> None:
    """Create a purchase voucher of one line (and --book it)."""
    draft = PurchaseVoucherDraft(
        "credit" if credit else "cash",
        voucher_date or datetime.date.today(),
        [PurchaseLine(amount, account_number, description, vat_code)],
        deposit_account_number=deposit_account,
        region_key=region,
        payment_date=payment_date,
        contact_guid=rest["contact_guid"],
        currency_key=rest["currency"],
        external_reference=rest["external_reference"],
    )
    with runtime.client() as client:
        books = client.books(runtime.organization(organization))
        voucher = finish(books, "purchase", draft, receipt, book_now)
    show_record(voucher_row(voucher), as_json=as_json, title="Purchase voucher")


def book_command(kind: str) -> click.Command:
    @click.command("book")
    @click.argument("guid")
    @books_command
    @pass_runtime
    def book(runtime: Runtime, guid: str, organization: int | None, as_json: bool) -> None:
        """Book a draft voucher (its Timestamp is read for you)."""
        with runtime.client() as client:
            books = client.books(runtime.organization(organization))
            vouchers = books.purchase_vouchers if kind == "purchase" else books.manual_vouchers
            voucher = vouchers.book(guid, retry_stale=True)
        show_record(voucher_row(voucher), as_json=as_json, title="Booked")

    return book


purchase.add_command(book_command("purchase"))


@click.group()
def manual() -> None:
    """Manual vouchers (posteringsbilag): an amount on one account against another."""


def journal_options(command: F) -> F:
    for option in reversed(
        (
            click.option("--account", "account_number", type=int, help="Booked with the amount."),
            click.option("--balancing-account", type=int, help="Booked with the opposite sign."),
            click.option("--vat-code", help="The account's VAT code."),
            click.option("--balancing-vat-code", help="The balancing account's VAT code."),
        )
    ):
        command = option(command)
    return command


def journal_line(amount: Decimal, description: str | None, options: dict[str, Any]) -> JournalLine:
    return JournalLine(
        amount,
        account_number=options["account_number"],
        balancing_account_number=options["balancing_account"],
        description=description,
        account_vat_code=options["vat_code"],
        balancing_account_vat_code=options["balancing_vat_code"],
    )


@manual.command("create")
@voucher_options
@journal_options
@books_command
@pass_runtime
def create_manual(
    runtime: Runtime,
    /,
    organization: int | None,
    as_json: bool,
    voucher_date: datetime.date | None,
    amount: Decimal,
    description: str | None,
    receipt: Path | None,
    book_now: bool,
    external_reference: str | None,
    **line: Any,
) -> None:
    """Create a manual voucher of one line (and --book it)."""
    draft = ManualVoucherDraft(
        voucher_date or datetime.date.today(),
        [journal_line(amount, description, line)],
        external_reference=external_reference,
    )
    with runtime.client() as client:
        books = client.books(runtime.organization(organization))
        voucher = finish(books, "manual", draft, receipt, book_now)
    show_record(voucher_row(voucher), as_json=as_json, title="Manual voucher")


manual.add_command(book_command("manual"))
