"""Building UBL elements with lxml: the namespaces, child elements and amounts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def sub(
    parent: etree._Element, namespace: str, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def amount(
    parent: etree._Element, tag: str, value: Decimal, currency: str, places: int | None = 2
) -> etree._Element:
    """An amount with its currencyID: two decimals, or as precise as given when `places` is None."""
    if places is None:
        text = f"{value.normalize():f}"
        if "." not in text or len(text.split(".")[1]) < 2:
            text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    else:
        text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    return sub(parent, CBC, tag, text, currencyID=currency)
