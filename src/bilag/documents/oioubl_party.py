"""OIOUBL parties: NemHandel endpoints, names, addresses, VAT and CVR registrations, contacts."""

from __future__ import annotations

from lxml import etree

from bilag.documents.identifiers import validate_cvr, validate_gln
from bilag.documents.model import DocumentError, EndpointId, Party
from bilag.documents.xml import CAC, CBC, sub

ENDPOINT_AGENCIES = {"GLN": "9", "DK:CVR": "320"}


def require_endpoint(endpoint: EndpointId | None, whose: str) -> EndpointId:
    if endpoint is None:
        raise DocumentError(f"the {whose} has no EAN (GLN) or CVR number to send to")
    if endpoint.scheme == "GLN":
        if not validate_gln(endpoint.value):
            raise DocumentError(f"the {whose}'s EAN number {endpoint.value!r} is not a valid GLN")
        return endpoint
    if endpoint.scheme == "DK:CVR":
        digits = endpoint.value.removeprefix("DK")
        if not validate_cvr(digits):
            raise DocumentError(f"the {whose}'s CVR number {endpoint.value!r} is not valid")
        return EndpointId("DK:CVR", f"DK{digits}")
    raise DocumentError(f"endpoint scheme must be GLN or DK:CVR, not {endpoint.scheme!r}")


def seller_endpoint_of(seller: Party) -> EndpointId:
    if seller.ean_number and validate_gln(seller.ean_number):
        return EndpointId("GLN", seller.ean_number)
    if seller.vat_number and validate_cvr(seller.vat_number.removeprefix("DK")):
        return EndpointId("DK:CVR", "DK" + seller.vat_number.removeprefix("DK"))
    raise DocumentError("the organization needs a valid EAN (GLN) or CVR number to send e-invoices")


def append_party(
    holder: etree._Element, party: Party, endpoint: EndpointId, contact: str | None
) -> None:
    element = sub(holder, CAC, "Party")
    sub(
        element,
        CBC,
        "EndpointID",
        endpoint.value,
        schemeAgencyID=ENDPOINT_AGENCIES[endpoint.scheme],
        schemeID=endpoint.scheme,
    )
    sub(sub(element, CAC, "PartyName"), CBC, "Name", party.name)
    _address(sub(element, CAC, "PostalAddress"), party)
    danish_cvr = _danish_cvr(party)
    if danish_cvr or party.vat_number:
        scheme = sub(element, CAC, "PartyTaxScheme")
        company = danish_cvr or party.vat_number or ""
        sub(scheme, CBC, "CompanyID", company, schemeID="DK:SE" if danish_cvr else "ZZZ")
        tax_scheme = sub(scheme, CAC, "TaxScheme")
        sub(
            tax_scheme,
            CBC,
            "ID",
            "63",
            schemeAgencyID="320",
            schemeID="urn:oioubl:id:taxschemeid-1.5",
        )
        sub(tax_scheme, CBC, "Name", "Moms")
    legal = sub(element, CAC, "PartyLegalEntity")
    sub(legal, CBC, "RegistrationName", party.name)
    if danish_cvr:
        sub(legal, CBC, "CompanyID", danish_cvr, schemeID="DK:CVR")
    if contact or party.email or party.phone:
        person = sub(element, CAC, "Contact")
        sub(person, CBC, "ID", contact or party.name)
        if contact:
            sub(person, CBC, "Name", contact)
        if party.phone:
            sub(person, CBC, "Telephone", party.phone)
        if party.email:
            sub(person, CBC, "ElectronicMail", party.email)


def _danish_cvr(party: Party) -> str | None:
    if party.country_key.upper() != "DK" or not party.vat_number:
        return None
    digits = party.vat_number.removeprefix("DK")
    return f"DK{digits}" if validate_cvr(digits) else None


def _address(address: etree._Element, party: Party) -> None:
    sub(
        address,
        CBC,
        "AddressFormatCode",
        "StructuredLax",
        listAgencyID="320",
        listID="urn:oioubl:codelist:addressformatcode-1.1",
    )
    street, zip_code, city = party.street, party.zip_code, party.city
    if party.address_text:
        lines = [line.strip() for line in party.address_text.splitlines() if line.strip()]
        street = lines[0] if lines else None
        city = " ".join(lines[1:]) or city
    if street:
        sub(address, CBC, "StreetName", street)
    if city:
        sub(address, CBC, "CityName", city)
    if zip_code:
        sub(address, CBC, "PostalZone", zip_code)
    sub(sub(address, CAC, "Country"), CBC, "IdentificationCode", party.country_key.upper())
