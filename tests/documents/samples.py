"""Documents to render: a Danish company invoicing a customer, with realistic amounts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bilag.documents import (
    DocumentLine,
    Party,
    ReminderDocument,
    SalesDocument,
    StatementDocument,
    StatementEntry,
    TotalLine,
    fik_code,
)

SELLER = Party(
    name="Æblegården ApS",
    street="Søndergade 12",
    zip_code="8000",
    city="Aarhus C",
    vat_number="12345674",
    ean_number="5790000000005",
    email="faktura@aeblegaarden.dk",
    phone="+45 86 12 34 56",
)
BUYER = Party(
    name="Østerbro Køkkener A/S",
    street="Ålborggade 3, 2. th.",
    zip_code="2100",
    city="København Ø",
    vat_number="87654311",
    ean_number="5790001330583",
    attention="Søren Ærø",
)
FIK = fik_code("12345678", "17")


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def product(
    description: str,
    quantity: str,
    unit: str,
    price: str,
    discount: str = "0",
    rate: str = "0.25",
    comments: str | None = None,
) -> DocumentLine:
    q, p, d, r = Decimal(quantity), Decimal(price), Decimal(discount), Decimal(rate)
    total = cents(q * p * (1 - d / 100))
    return DocumentLine(
        description=description,
        comments=comments,
        quantity=q,
        unit=unit,
        unit_price=p,
        unit_price_excl_vat=p,
        discount=d,
        total=total,
        total_excl_vat=total,
        vat_rate=r,
        vat_code="U25" if r else "UEUV",
        account_number=1000,
    )


def sales(
    kind: str = "invoice",
    language: str = "da-DK",
    lines: tuple[DocumentLine, ...] | None = None,
    number: int | None = 17,
    **changes: object,
) -> SalesDocument:
    lines = (
        lines
        if lines is not None
        else (
            DocumentLine(description="Ydelser i november", line_type="Text"),
            product("Rådgivning om æbletræer", "2.5", "hours", "800", comments="Konsulent: Åse"),
            product("Jordbærplanter", "40", "parts", "12.50", discount="10"),
            product("Fragt til Tyskland", "1", "shipment", "300", rate="0"),
        )
    )
    excl = sum((line.total_excl_vat for line in lines), Decimal(0))
    vat = cents(sum((line.total_excl_vat * line.vat_rate for line in lines), Decimal(0)))
    danish = language.startswith("da")
    totals = (
        TotalLine("Subtotal", excl, "SubTotal"),
        TotalLine("Moms (25%)" if danish else "VAT (25%)", vat, "Vat"),
        TotalLine("Total DKK", excl + vat, "Total"),
    )
    document = SalesDocument(
        kind=kind,
        number=number,
        issue_date=date(2026, 11, 26),
        due_date=date(2026, 12, 4),
        currency="DKK",
        language=language,
        seller=SELLER,
        buyer=BUYER,
        lines=lines,
        total_lines=totals,
        total_excl_vat=excl,
        total_vat=vat,
        total_incl_vat=excl + vat,
        external_reference="PO-4711",
        payment_terms="Netto 8 dage" if danish else "Net 8 days",
        fik_code=FIK if kind == "invoice" else None,
        bank_account="reg. 1234 konto 0001234567",
        iban="DK5000400440116243",
        bic="DABADKKK",
        comment="Tak for handlen!" if danish else "Thank you for your business!",
        credit_note_for_number=16 if kind == "credit_note" else None,
        order_reference="ORD-99",
        att_person="Søren Ærø",
    )
    return replace(document, **changes)  # type: ignore[arg-type]


def reminder(language: str = "da-DK") -> ReminderDocument:
    danish = language.startswith("da")
    return ReminderDocument(
        number=1,
        title="Rykker 1" if danish else "Reminder 1",
        description="Vi har endnu ikke modtaget betaling for fakturaen nedenfor."
        if danish
        else "We have not yet received payment for the invoice below.",
        issue_date=date(2026, 12, 20),
        language=language,
        currency="DKK",
        seller=SELLER,
        buyer=BUYER,
        invoice_number=17,
        invoice_date=date(2026, 11, 26),
        invoice_due_date=date(2026, 12, 4),
        invoice_total=Decimal("3887.50"),
        paid_amount=Decimal("1000.00"),
        fee=Decimal("100.00"),
        interest=Decimal("23.45"),
        compensation_fee=Decimal("310.00"),
        total_due=Decimal("3320.95"),
        debt_collection_warning="Betales beløbet ikke, sendes sagen til inkasso."
        if danish
        else "If the amount is not paid, the case goes to debt collection.",
        fik_code=FIK,
    )


def statement(language: str = "da-DK") -> StatementDocument:
    entries = (
        StatementEntry(
            date(2026, 11, 26), "Faktura 17", "17", Decimal("3887.50"), Decimal("5887.50")
        ),
        StatementEntry(
            date(2026, 12, 1), "Betaling", "18", Decimal("-1000.00"), Decimal("4887.50")
        ),
        StatementEntry(
            date(2026, 12, 3), "Kreditnota 2", "19", Decimal("-250.00"), Decimal("4637.50")
        ),
    )
    return StatementDocument(
        issue_date=date(2026, 12, 31),
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
        language=language,
        seller=SELLER,
        buyer=BUYER,
        entries=entries,
        opening_balance=Decimal("2000.00"),
        closing_balance=Decimal("4637.50"),
    )
