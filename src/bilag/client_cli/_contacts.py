"""`contacts list|create`, `files upload` and `entries`."""

from __future__ import annotations

import datetime
import warnings
from pathlib import Path

import click

from bilag.client import ContactDraft, contains, eq
from bilag.client_cli._output import record, show_record, show_rows, stderr
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import DATE, books_command

CONTACT_COLUMNS = (
    ("guid", "guid"),
    ("name", "name"),
    ("email", "e-mail"),
    ("country_key", "country"),
    ("is_person", "person"),
)
ENTRY_COLUMNS = (
    ("date", "date"),
    ("voucher_number", "voucher"),
    ("voucher_type", "type"),
    ("account_number", "account"),
    ("description", "text"),
    ("vat_code", "VAT"),
    ("amount", "amount"),
)


@click.group()
def contacts() -> None:
    """Customers and suppliers."""


@contacts.command("list")
@click.option("--name", help="Only contacts whose name contains this.")
@click.option("--email", help="Only contacts with this e-mail.")
@click.option("--person/--company", "is_person", default=None, help="Only persons or companies.")
@books_command
@pass_runtime
def list_contacts(
    runtime: Runtime,
    name: str | None,
    email: str | None,
    is_person: bool | None,
    organization: int | None,
    as_json: bool,
) -> None:
    """Every contact (all pages), optionally filtered."""
    conditions = [contains("Name", name)] if name else []
    if email:
        conditions.append(eq("Email", email))
    if is_person is not None:
        conditions.append(eq("IsPerson", is_person))
    with runtime.client() as client:
        books = client.books(runtime.organization(organization))
        rows = [record(contact) for contact in books.contacts.list(*conditions)]
    show_rows(rows, CONTACT_COLUMNS, as_json=as_json, title="Contacts")


@contacts.command("create")
@click.argument("name")
@click.option("--email")
@click.option("--phone")
@click.option("--country", "country_key", default="DK", show_default=True)
@click.option("--person", "is_person", is_flag=True, help="A person, not a company.")
@click.option("--vat-number", help="CVR (or another country's VAT number).")
@click.option("--street")
@click.option("--zip-code")
@click.option("--city")
@click.option("--external-reference")
@books_command
@pass_runtime
def create_contact(
    runtime: Runtime, /, organization: int | None, as_json: bool, **fields: str | bool | None
) -> None:
    """Create a contact; prints its guid."""
    draft = ContactDraft(**fields)  # type: ignore[arg-type]
    with runtime.client() as client:
        guid = client.books(runtime.organization(organization)).contacts.create(draft)
    show_record({"guid": guid, "name": draft.name}, as_json=as_json, title="Contact created")


@click.group()
def files() -> None:
    """The file archive."""


@files.command("upload")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@books_command
@pass_runtime
def upload_file(runtime: Runtime, path: Path, organization: int | None, as_json: bool) -> None:
    """Upload a file; prints its FileGuid. Attach it to a voucher to make it visible."""
    content = path.read_bytes()
    with runtime.client() as client, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        guid = client.books(runtime.organization(organization)).files.upload(path.name, content)
    for warning in caught:
        stderr().print(f"Note: {warning.message}")
    show_record({"file_guid": guid, "name": path.name}, as_json=as_json, title="File uploaded")


def _month_start() -> datetime.date:
    return datetime.date.today().replace(day=1)


@click.command()
@click.option("--from", "from_date", type=DATE, help="First day [default: this month's first].")
@click.option("--to", "to_date", type=DATE, help="Last day [default: today].")
@books_command
@pass_runtime
def entries(
    runtime: Runtime,
    from_date: datetime.date | None,
    to_date: datetime.date | None,
    organization: int | None,
    as_json: bool,
) -> None:
    """The postings in a period (within one accounting year)."""
    start = from_date or _month_start()
    end = to_date or datetime.date.today()
    with runtime.client() as client:
        found = client.books(runtime.organization(organization)).entries.list(start, end)
    rows = [record(entry) for entry in found]
    show_rows(rows, ENTRY_COLUMNS, as_json=as_json, title=f"Entries {start} to {end}")
