"""Every fixed text on a document, in Danish (da-DK) and English (en-GB), and number formats."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

DANISH: Final = "da"
ENGLISH: Final = "en"

TEXTS: Final[dict[str, dict[str, str]]] = {
    DANISH: {
        "invoice": "Faktura",
        "credit_note": "Kreditnota",
        "trade_offer": "Tilbud",
        "draft": "Kladde",
        "number": "nr.",
        "credit_note_for": "Kreditnota for faktura nr. {number}",
        "invoice_date": "Fakturadato",
        "due_date": "Forfaldsdato",
        "date": "Dato",
        "valid_until": "Gyldig til",
        "reference": "Reference",
        "vat_number": "CVR-nr.",
        "foreign_vat_number": "Momsnr.",
        "ean_number": "EAN-nr.",
        "attention": "Att.",
        "phone": "Tlf.",
        "description": "Beskrivelse",
        "quantity": "Antal",
        "unit": "Enhed",
        "unit_price": "Enhedspris",
        "discount": "Rabat",
        "amount": "Beløb",
        "subtotal": "Subtotal",
        "vat": "Moms",
        "total": "Total",
        "payment_terms": "Betalingsbetingelser",
        "bank_account": "Bankkonto",
        "iban": "IBAN",
        "bic": "BIC/SWIFT",
        "fik_code": "FIK-kode",
        "comment": "Bemærkning",
        "page": "Side {page} af {pages}",
        "reminder_for": "Vedrørende faktura nr. {number}",
        "invoice_total": "Fakturabeløb",
        "paid_amount": "Betalt",
        "reminder_fee": "Rykkergebyr",
        "interest": "Renter",
        "compensation_fee": "Kompensationsgebyr",
        "earlier_charges": "Gebyrer og renter fra tidligere rykkere",
        "total_due": "I alt at betale",
        "statement": "Kontoudtog",
        "period": "Periode",
        "voucher": "Bilag",
        "text": "Tekst",
        "balance": "Saldo",
        "opening_balance": "Primosaldo",
        "closing_balance": "Saldo ultimo",
    },
    ENGLISH: {
        "invoice": "Invoice",
        "credit_note": "Credit note",
        "trade_offer": "Quote",
        "draft": "Draft",
        "number": "no.",
        "credit_note_for": "Credit note for invoice no. {number}",
        "invoice_date": "Invoice date",
        "due_date": "Due date",
        "date": "Date",
        "valid_until": "Valid until",
        "reference": "Reference",
        "vat_number": "VAT no.",
        "foreign_vat_number": "VAT no.",
        "ean_number": "EAN no.",
        "attention": "Attn.",
        "phone": "Phone",
        "description": "Description",
        "quantity": "Quantity",
        "unit": "Unit",
        "unit_price": "Unit price",
        "discount": "Discount",
        "amount": "Amount",
        "subtotal": "Subtotal",
        "vat": "VAT",
        "total": "Total",
        "payment_terms": "Payment terms",
        "bank_account": "Bank account",
        "iban": "IBAN",
        "bic": "BIC/SWIFT",
        "fik_code": "FIK code",
        "comment": "Comment",
        "page": "Page {page} of {pages}",
        "reminder_for": "Regarding invoice no. {number}",
        "invoice_total": "Invoice amount",
        "paid_amount": "Paid",
        "reminder_fee": "Reminder fee",
        "interest": "Interest",
        "compensation_fee": "Compensation fee",
        "earlier_charges": "Fees and interest from earlier reminders",
        "total_due": "Total due",
        "statement": "Statement of account",
        "period": "Period",
        "voucher": "Voucher",
        "text": "Text",
        "balance": "Balance",
        "opening_balance": "Opening balance",
        "closing_balance": "Closing balance",
    },
}

UNITS: Final[dict[str, tuple[str, str]]] = {
    "hours": ("timer", "hours"),
    "parts": ("stk.", "pcs."),
    "km": ("km", "km"),
    "day": ("dage", "days"),
    "week": ("uger", "weeks"),
    "month": ("måneder", "months"),
    "kilogram": ("kg", "kg"),
    "cubicMetre": ("m³", "m³"),
    "set": ("sæt", "sets"),
    "litre": ("liter", "litres"),
    "box": ("kasser", "boxes"),
    "case": ("kolli", "cases"),
    "carton": ("kartoner", "cartons"),
    "metre": ("meter", "metres"),
    "package": ("pakker", "packages"),
    "shipment": ("forsendelser", "shipments"),
    "squareMetre": ("m²", "m²"),
    "session": ("sessioner", "sessions"),
    "tonne": ("tons", "tonnes"),
}

MONTHS_EN: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


class Labels:
    """The texts and number formats of one language; any language but Danish renders in English."""

    def __init__(self, language: str) -> None:
        self.language = DANISH if language.lower().startswith("da") else ENGLISH
        self._texts = TEXTS[self.language]

    def __getitem__(self, key: str) -> str:
        return self._texts[key]

    def unit(self, key: str | None) -> str:
        if key is None:
            return ""
        words = UNITS.get(key)
        if words is None:
            return key
        return words[0] if self.language == DANISH else words[1]

    def amount(self, value: Decimal) -> str:
        """Two decimals: "1.234,50" in Danish, "1,234.50" in English."""
        return self._grouped(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    def quantity(self, value: Decimal) -> str:
        """As few decimals as the value needs: 2 → "2", 1.5 → "1,5" / "1.5"."""
        if value == value.to_integral_value():
            return self._grouped(value.quantize(Decimal(1)))
        return self._grouped(value.normalize())

    def percent(self, value: Decimal) -> str:
        return (
            f"{self.quantity(value)} %" if self.language == DANISH else f"{self.quantity(value)}%"
        )

    def date(self, value: date) -> str:
        if self.language == DANISH:
            return f"{value.day:02d}.{value.month:02d}.{value.year}"
        return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"

    def _grouped(self, value: Decimal) -> str:
        english = f"{value:,f}"
        if self.language == ENGLISH:
            return english
        return english.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
