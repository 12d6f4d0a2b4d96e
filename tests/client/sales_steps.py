"""Steps the sending, reminder and trade offer contract tests share: an authorized SDK, a
customer, and a booked invoice made over the API with `client.request` (the invoice methods are
another resource's)."""

from __future__ import annotations

import datetime
from typing import Any

from bilag.client import Client, ContactDraft
from tests.client.conftest import Bilag

TODAY = datetime.date.today()
NEW_YEAR = datetime.date(TODAY.year, 1, 1)
GLN = "5790000000005"


def customer(client: Client, org: int, **extra: Any) -> str:
    draft = ContactDraft("Kunde ApS", email="kunde@example.dk", street="Vestergade 1", **extra)
    return client.books(org).contacts.create(draft)


def product_line(amount: float = 800.0, quantity: float = 2) -> dict[str, Any]:
    return {
        "LineType": "Product",
        "Description": "Rådgivning",
        "Quantity": quantity,
        "Unit": "hours",
        "AccountNumber": 1000,
        "BaseAmountValue": amount,
        "Discount": 0,
    }


def invoice(client: Client, org: int, contact: str, **extra: Any) -> dict[str, Any]:
    """A draft invoice: its Guid and TimeStamp."""
    body = {
        "ContactGuid": contact,
        "Date": TODAY.isoformat(),
        "ProductLines": [{"LineType": "Text", "Description": "Ydelser"}, product_line()],
        **extra,
    }
    created: dict[str, Any] = client.request(
        "POST", f"/v1/{org}/invoices", organization_id=org, json=body
    )
    return created


def book_invoice(
    client: Client, org: int, draft: dict[str, Any], kind: str = "invoices"
) -> dict[str, Any]:
    path = f"/v1/{org}/{kind}/{draft['Guid']}/book"
    booked: dict[str, Any] = client.request(
        "POST", path, organization_id=org, json={"Timestamp": draft["TimeStamp"]}
    )
    return booked


def booked_invoice(client: Client, org: int, **extra: Any) -> dict[str, Any]:
    contact = extra.pop("contact", None) or customer(client, org)
    return book_invoice(client, org, invoice(client, org, contact, **extra))


def booked_credit_note(client: Client, org: int, contact: str, invoice: str) -> dict[str, Any]:
    """A booked credit note of 100 kr. (excl. VAT) for `invoice`."""
    line = {**product_line(100.0, 1), "Description": "Rabat"}
    body = {"ContactGuid": contact, "CreditNoteFor": invoice, "ProductLines": [line]}
    path = f"/v1/{org}/sales/creditnotes"
    created: dict[str, Any] = client.request("POST", path, organization_id=org, json=body)
    return book_invoice(client, org, created, "sales/creditnotes")


def overdue_invoice(client: Client, org: int, **extra: Any) -> dict[str, Any]:
    """Dated 1 January with Netto 8, so due 9 January and overdue for the rest of the year."""
    terms = {
        "Date": NEW_YEAR.isoformat(),
        "PaymentConditionType": "Netto",
        "PaymentConditionNumberOfDays": 8,
        "ReminderInterestRate": 2,
    }
    return booked_invoice(client, org, **{**terms, **extra})


def invoice_timestamp(client: Client, org: int, guid: str) -> str:
    read = client.request("GET", f"/v1/{org}/invoices/{guid}", organization_id=org)
    return str(read["TimeStamp"])


def e_invoice_seller(bilag: Bilag, org: int) -> None:
    """What an e-invoice needs of the seller: a CVR number, an address and a bank account."""
    from bilag.storage.invoice_settings import set_invoice_settings
    from bilag.storage.models import Organization

    with bilag.app.state.services.database.write() as session:
        organization = session.get(Organization, org)
        assert organization is not None
        organization.vat_number = "12345674"
        organization.street, organization.zip_code, organization.city = "Vej 1", "8000", "Aarhus"
        set_invoice_settings(session, org, bank_reg_number="1234", bank_account_number="0012345678")
