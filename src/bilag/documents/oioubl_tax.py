"""OIOUBL VAT: the document's TaxSubtotals by rate, each line's TaxTotal, and their consistency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from bilag.documents.model import DocumentError, DocumentLine, SalesDocument
from bilag.documents.xml import CAC, CBC, amount, sub

ORE = Decimal("0.01")
STANDARD = "StandardRated"
ZERO = "ZeroRated"


@dataclass
class TaxGroup:
    rate: Decimal
    taxable: Decimal
    tax: Decimal

    @property
    def category(self) -> str:
        return STANDARD if self.rate else ZERO

    def append_subtotal(self, total: etree._Element, currency: str) -> None:
        subtotal = sub(total, CAC, "TaxSubtotal")
        amount(subtotal, "TaxableAmount", self.taxable, currency)
        amount(subtotal, "TaxAmount", self.tax, currency)
        append_category(subtotal, self.rate)


def append_category(parent: etree._Element, rate: Decimal) -> None:
    category = sub(parent, CAC, "TaxCategory")
    sub(
        category,
        CBC,
        "ID",
        STANDARD if rate else ZERO,
        schemeAgencyID="320",
        schemeID="urn:oioubl:id:taxcategoryid-1.2",
    )
    sub(category, CBC, "Percent", percent(rate))
    scheme = sub(category, CAC, "TaxScheme")
    sub(scheme, CBC, "ID", "63", schemeAgencyID="320", schemeID="urn:oioubl:id:taxschemeid-1.5")
    sub(scheme, CBC, "Name", "Moms")


def percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}"


def tax_groups(document: SalesDocument, lines: list[DocumentLine]) -> list[TaxGroup]:
    """One group per VAT rate, its tax rounded to øre; the document's own totals must agree.

    The lines must add up to `total_excl_vat`, and excl. + VAT to `total_incl_vat`. Rounding per
    line may leave the groups' VAT an øre or so from `total_vat`; the document's figure wins and
    the difference goes to the largest standard-rated group. A larger gap is an error.
    """
    line_sum = sum((line.total_excl_vat for line in lines), Decimal(0))
    if line_sum != document.total_excl_vat:
        raise DocumentError(
            f"the lines add up to {line_sum} excl. VAT, the document says {document.total_excl_vat}"
        )
    if document.total_excl_vat + document.total_vat != document.total_incl_vat:
        raise DocumentError("total excl. VAT plus VAT must equal the total incl. VAT")
    groups: dict[Decimal, TaxGroup] = {}
    for line in lines:
        if line.vat_rate < 0 or line.vat_rate >= 1:
            raise DocumentError(f"line {line.description!r} has a VAT rate outside 0 to 1")
        group = groups.setdefault(line.vat_rate, TaxGroup(line.vat_rate, Decimal(0), Decimal(0)))
        group.taxable += line.total_excl_vat
    for group in groups.values():
        group.tax = (group.taxable * group.rate).quantize(ORE, rounding=ROUND_HALF_UP)
    ordered = sorted(groups.values(), key=lambda g: g.rate, reverse=True)
    gap = document.total_vat - sum((g.tax for g in ordered), Decimal(0))
    if gap:
        standard = [g for g in ordered if g.rate]
        if not standard or abs(gap) > ORE * len(lines):
            raise DocumentError(
                f"the lines' VAT comes to {document.total_vat - gap}, "
                f"the document says {document.total_vat}"
            )
        max(standard, key=lambda g: abs(g.taxable)).tax += gap
    return ordered


def line_tax(line_element: etree._Element, currency: str, line: DocumentLine) -> None:
    tax = (line.total_excl_vat * line.vat_rate).quantize(ORE, rounding=ROUND_HALF_UP)
    total = sub(line_element, CAC, "TaxTotal")
    amount(total, "TaxAmount", tax, currency)
    subtotal = sub(total, CAC, "TaxSubtotal")
    amount(subtotal, "TaxableAmount", line.total_excl_vat, currency)
    amount(subtotal, "TaxAmount", tax, currency)
    append_category(subtotal, line.vat_rate)
