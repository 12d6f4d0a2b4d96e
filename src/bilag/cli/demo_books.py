"""The demo's books: what an integration would have booked in Demo Pro ApS, so that the web app
has something to show after `make run`.

It is booked through the API itself, in-process, with the organization's API key and the demo
application (the legacy grant), so everything it leaves is what a real integration leaves: a
customer, a purchase voucher with its receipt, the day's sales as a manual voucher, an invoice,
a draft expense and three unbooked kassekladde lines. It runs only while the organization has
no vouchers and no contacts, so running `bilag demo` again adds nothing.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from typing import Any

import httpx
from fpdf import FPDF
from sqlalchemy import func, select

from bilag.app import create_app
from bilag.config import Settings
from bilag.identity.demo import Demo
from bilag.storage.models import Contact, Voucher

TEXT = "Demo Pro ApS"


class DemoBooksFailed(Exception):
    """The API refused a step of the demo's books (it names the step and the answer)."""


def receipt_pdf(shop: str, text: str, amount: str) -> bytes:
    """A one-page receipt, the kind a bookkeeper photographs or saves."""
    pdf = FPDF(format=(105, 148))  # A6
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, shop, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, f"Kvittering {date.today():%d.%m.%Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, f"{text}  {amount} DKK", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Heraf moms 25 %", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def needs_books(settings: Settings, organization_id: int) -> bool:
    app = create_app(settings)
    try:
        with app.state.services.database.read() as session:
            count = sum(
                session.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(table.organization_id == organization_id)
                )
                or 0
                for table in (Voucher, Contact)
            )
        return not count
    finally:
        app.state.services.database.dispose()


def seed_demo_books(settings: Settings, demo: Demo) -> bool:
    """Book the demo's books in its Pro organization, unless it has vouchers; True if it did."""
    organization = next(org for org in demo.organizations if org.is_pro)
    if not needs_books(settings, organization.id):
        return False
    asyncio.run(_book(settings, demo, organization.id, organization.api_key))
    return True


async def _book(settings: Settings, demo: Demo, org: int, api_key: str) -> None:
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url=settings.base_url) as http:
            token = await _call(
                http,
                "POST",
                "/dineroapi/oauth/token",
                data={"grant_type": "password", "username": api_key, "password": api_key},
                auth=(demo.application.client_id, demo.application.client_secret),
            )
            http.headers["Authorization"] = f"Bearer {token['access_token']}"
            await book_sample_books(http, org)
    finally:
        app.state.services.database.dispose()


async def book_sample_books(http: httpx.AsyncClient, org: int) -> None:
    """A customer, two expenses with receipts (one booked), the day's sales, a booked invoice
    and three unbooked kassekladde lines, through the API `http` is authorized for."""
    today = date.today().isoformat()
    customer = await _call(
        http,
        "POST",
        f"/v1/{org}/contacts",
        json={
            "Name": "Kunde A/S",
            "Street": "Vestergade 1",
            "ZipCode": "8000",
            "City": "Aarhus C",
            "CountryKey": "DK",
            "Email": "kunde@example.dk",
            "IsPerson": False,
            "IsMember": False,
            "UseCvr": False,
        },
    )
    receipt = await _upload(http, org, "kvittering-kontorartikler.pdf", "Kontorland", "125,00")
    expense = await _call(
        http,
        "POST",
        f"/v1.2/{org}/vouchers/purchase",
        json={
            "PurchaseType": "cash",
            "VoucherDate": today,
            "DepositAccountNumber": 55000,
            "RegionKey": "DK",
            "FileGuid": receipt,
            "Lines": [
                {"Description": "Kontorartikler", "AccountNumber": 6000, "VatCode": "I25",
                 "Amount": 125.00}
            ],
        },
    )  # fmt: skip
    await _book_voucher(http, f"/v1/{org}/vouchers/purchase", expense)
    lunch = await _upload(http, org, "kvittering-frokost.pdf", "Café Hjørnet", "312,50")
    await _call(
        http,
        "POST",
        f"/v1.2/{org}/vouchers/purchase",
        json={
            "PurchaseType": "cash",
            "VoucherDate": today,
            "DepositAccountNumber": 55000,
            "RegionKey": "DK",
            "FileGuid": lunch,
            "Lines": [
                {"Description": "Frokostmøde med kunde", "AccountNumber": 4100,
                 "VatCode": "none", "Amount": 312.50}
            ],
        },
    )  # fmt: skip
    sales = await _call(
        http,
        "POST",
        f"/v1/{org}/vouchers/manuel",
        json={
            "VoucherDate": today,
            "ExternalReference": "kasse-dagens-salg",
            "Lines": [
                {"Description": "Kortbetalinger", "AccountNumber": 55000,
                 "BalancingAccountNumber": 1000, "Amount": 800.00,
                 "BalancingAccountVatCode": "U25"}
            ],
        },
    )  # fmt: skip
    await _book_voucher(http, f"/v1/{org}/vouchers/manuel", sales)
    invoice = await _call(
        http,
        "POST",
        f"/v1/{org}/invoices",
        json={
            "ContactGuid": customer["ContactGuid"],
            "Date": today,
            "ProductLines": [
                {"Description": "Rådgivning", "Quantity": 2, "Unit": "hours",
                 "AccountNumber": 1000, "BaseAmountValue": 800, "Discount": 0,
                 "LineType": "Product"}
            ],
        },
    )  # fmt: skip
    await _book_voucher(http, f"/v1/{org}/invoices", invoice)
    bank_lines = [("Husleje", 5000, None, 10000.00), ("Telefon", 6100, "I25", 312.50),
                  ("Gebyr", 6400, None, 25.00)]  # fmt: skip
    await _call(
        http,
        "POST",
        f"/v1.2/{org}/ledgeritems",
        json=[
            {
                "Id": str(uuid.uuid4()),
                "VoucherDate": today,
                "Lines": [
                    {"Description": text, "AccountNumber": account, "AccountVatCode": vat,
                     "BalancingAccountNumber": 55000, "Amount": amount}
                ],
            }
            for text, account, vat, amount in bank_lines
        ],
    )  # fmt: skip


async def _upload(http: httpx.AsyncClient, org: int, name: str, shop: str, amount: str) -> str:
    pdf = receipt_pdf(shop, name.removeprefix("kvittering-").removesuffix(".pdf"), amount)
    saved = await _call(
        http, "POST", f"/v1/{org}/files", files={"file": (name, pdf, "application/pdf")}
    )
    return str(saved["FileGuid"])


async def _book_voucher(http: httpx.AsyncClient, base: str, draft: dict[str, Any]) -> None:
    version = draft.get("Timestamp") or draft["TimeStamp"]  # invoices spell it TimeStamp
    await _call(http, "POST", f"{base}/{draft['Guid']}/book", json={"Timestamp": version})


async def _call(http: httpx.AsyncClient, method: str, path: str, **options: Any) -> Any:
    response = await http.request(method, path, **options)
    if response.status_code >= 300:
        raise DemoBooksFailed(f"{method} {path} answered {response.status_code}: {response.text}")
    return response.json() if response.content else None
