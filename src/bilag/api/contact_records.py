"""Contacts between the wire and the table: read models, the create binding and the queries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bilag.api.binding import Prop, bind_object
from bilag.api.data.countries import COUNTRIES
from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.api.filters import FilterKind
from bilag.identity.webhooks import record_event
from bilag.storage.db import Database
from bilag.storage.models import Contact, utcnow

# Wire name -> column attribute, for every property of ContactReadModel except the timestamps.
COLUMNS = {
    "ContactGuid": "guid",
    "ExternalReference": "external_reference",
    "Name": "name",
    "Street": "street",
    "ZipCode": "zip_code",
    "City": "city",
    "CountryKey": "country_key",
    "Phone": "phone",
    "Email": "email",
    "Webpage": "webpage",
    "AttPerson": "att_person",
    "VatNumber": "vat_number",
    "EanNumber": "ean_number",
    "SENumber": "se_number",
    "PNumber": "p_number",
    "PaymentConditionType": "payment_condition_type",
    "PaymentConditionNumberOfDays": "payment_condition_number_of_days",
    "IsPerson": "is_person",
    "IsMember": "is_member",
    "MemberNumber": "member_number",
    "UseCvr": "use_cvr",
    "CompanyTypeKey": "company_type_key",
    "InvoiceMailOutOptionKey": "invoice_mail_out_option_key",
    "PreferredInvoiceLanguageKey": "preferred_invoice_language_key",
    "PreferredInvoiceCurrencyKey": "preferred_invoice_currency_key",
    "IsDebitor": "is_debitor",
    "IsCreditor": "is_creditor",
    "CompanyStatus": "company_status",
    "VatRegionKey": "vat_region_key",
}
TIMESTAMPS = {"CreatedAt": "created_at", "UpdatedAt": "updated_at", "DeletedAt": "deleted_at"}

LIST_FIELDS = (
    "Name", "ContactGuid", "ExternalReference", "IsPerson", "Street", "ZipCode", "City",
    "CountryKey", "Phone", "Email", "Webpage", "AttPerson", "VatNumber", "EanNumber",
    "PaymentConditionType", "PaymentConditionNumberOfDays", "IsMember", "MemberNumber",
    "CompanyStatus", "VatRegionKey", "CreatedAt", "UpdatedAt", "DeletedAt",
    "PreferredInvoiceLanguageKey", "PreferredInvoiceCurrencyKey",
)  # fmt: skip
FILTERABLE: dict[str, FilterKind] = {
    "ExternalReference": "text",
    "Name": "text",
    "Email": "text",
    "VatNumber": "text",
    "EanNumber": "text",
    "IsPerson": "bool",
    "Phone": "text",
}
COMPANY_TYPES = (
    "EmptyCompanyType", "SoleProprietorship", "PrivateLimitedCompany", "PublicLimitedCompany",
    "GeneralPartnership", "LimitedPartnership", "LimitedLiabilityCooperative",
    "LimitedLiabilityVoluntaryAssociation", "LimitedLiabilityCompany", "EntreprenurLimitedCompany",
    "Union", "VoluntaryUnion", "SmallPersonallyOwnedCompany", "TrustFund", "Others",
)  # fmt: skip
EU_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
DEFAULT_PAYMENT_CONDITION = ("Netto", 8)
COUNTRY_KEYS = frozenset(key for key, _danish, _english in COUNTRIES)


def _text(name: str, required: bool = False) -> Prop:
    length = Contact.__table__.c[COLUMNS[name]].type.length  # type: ignore[attr-defined]
    return Prop(name, "text", required=required, max_length=length)


CREATE_PROPS = (
    Prop("ContactGuid", "guid"),
    *(_text(name) for name in ("ExternalReference", "Street", "ZipCode", "City", "Phone")),
    *(_text(name) for name in ("Email", "Webpage", "AttPerson", "VatNumber", "EanNumber")),
    *(_text(name) for name in ("SENumber", "PNumber", "MemberNumber")),
    _text("Name", required=True),
    _text("CountryKey", required=True),
    _text("PreferredInvoiceCurrencyKey"),
    Prop("PaymentConditionType", choices=("Netto", "NettoCash", "CurrentMonthOut")),
    Prop("PaymentConditionNumberOfDays", "int", minimum=0),
    Prop("IsPerson", "bool", required=True),
    Prop("IsMember", "bool", required=True),
    Prop("UseCvr", "bool", required=True),
    Prop("CompanyTypeKey", choices=COMPANY_TYPES),
    Prop("InvoiceMailOutOptionKey", choices=("VAT", "GLN", "SE", "P")),
    Prop("PreferredInvoiceLanguageKey", choices=("da", "en", "de", "sv", "no")),
)


def wire_time(value: datetime | None) -> str | None:
    """Dinero's audit-time format: ISO 8601, no zone designator, milliseconds."""
    return None if value is None else value.isoformat(timespec="milliseconds")


def read_model(contact: Contact) -> dict[str, Any]:
    model = {wire: getattr(contact, column) for wire, column in COLUMNS.items()}
    model.update({wire: wire_time(getattr(contact, column)) for wire, column in TIMESTAMPS.items()})
    return model


UPDATE_PROPS = tuple(prop for prop in CREATE_PROPS if prop.name != "ContactGuid")


def parse_path_guid(name: str, raw: str) -> str:
    """A guid from the path, lower-case and hyphenated; 400 (code 44) when it is not one."""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        message = (
            f"{name} must be a GUID such as 5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11, not '{raw}'."
        )
        raise DineroError(ErrorCode.INVALID_FORMAT, message, 400, {name: message}) from None


def contact_not_found(guid: str) -> DineroError:
    message = f"No contact with ContactGuid {guid} in this organization."
    return DineroError(ErrorCode.NOT_FOUND, message, 404)


def bind_new_contact(body: dict[str, Any]) -> dict[str, Any]:
    """The validated ContactCreateModel, by wire name, with defaults filled in."""
    return _checked(bind_object(body, CREATE_PROPS))


def bind_contact_update(body: dict[str, Any]) -> dict[str, Any]:
    """The validated ContactUpdateModel: the create model without ContactGuid."""
    return _checked(bind_object(body, UPDATE_PROPS))


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, str] = {}
    country = values["CountryKey"].strip().upper()
    if country not in COUNTRY_KEYS:
        problems["CountryKey"] = (
            "CountryKey must be a two-letter ISO 3166 country code such as DK "
            "(GET /v1/countries lists them)."
        )
    values["CountryKey"] = country
    currency = values["PreferredInvoiceCurrencyKey"]
    if currency is not None:
        currency = currency.strip().upper() or None
        if currency is not None and not (
            len(currency) == 3 and currency.isascii() and currency.isalpha()
        ):
            problems["PreferredInvoiceCurrencyKey"] = "must be a three-letter code such as DKK."
        values["PreferredInvoiceCurrencyKey"] = currency
    if values["PaymentConditionType"] is None:
        values["PaymentConditionType"] = DEFAULT_PAYMENT_CONDITION[0]
        if values["PaymentConditionNumberOfDays"] is None:
            values["PaymentConditionNumberOfDays"] = DEFAULT_PAYMENT_CONDITION[1]
    if values["PaymentConditionType"] == "NettoCash":
        if values["PaymentConditionNumberOfDays"] is not None:
            problems["PaymentConditionNumberOfDays"] = "must be empty with NettoCash."
    elif values["PaymentConditionNumberOfDays"] is None:
        values["PaymentConditionNumberOfDays"] = DEFAULT_PAYMENT_CONDITION[1]
    if problems:
        raise validation_failure(problems)
    return values


def vat_region(country_key: str) -> str:
    if country_key == "DK":
        return "DK"
    return "EU" if country_key in EU_COUNTRIES else "World"


class ContactGuidTaken(Exception):
    pass


def record_contact_changed(session: Session, organization_id: int, guid: str) -> None:
    """Raise ContactChanged in the transaction that changes the contact, so neither is lost."""
    record_event(session, organization_id, "ContactChanged", {"ContactGuid": guid})


def insert_contact(database: Database, organization_id: int, values: dict[str, Any]) -> str:
    guid = values["ContactGuid"] or str(uuid.uuid4())
    now = utcnow()
    columns = {COLUMNS[wire]: value for wire, value in values.items() if wire != "ContactGuid"}
    contact = Contact(
        **columns,
        guid=guid,
        organization_id=organization_id,
        vat_region_key=vat_region(values["CountryKey"]),
        is_debitor=True,
        is_creditor=False,
        created_at=now,
        updated_at=now,
    )
    try:
        with database.write() as session:
            if session.get(Contact, guid) is not None:
                raise ContactGuidTaken(guid)
            session.add(contact)
            record_contact_changed(session, organization_id, guid)
    except IntegrityError:
        if values["ContactGuid"] is None:
            raise  # a guid of our own cannot collide, so something else went wrong
        raise ContactGuidTaken(guid) from None
    return guid


def get_contact(database: Database, organization_id: int, guid: str) -> Contact | None:
    with database.read() as session:
        return session.scalars(
            select(Contact).where(Contact.guid == guid, Contact.organization_id == organization_id)
        ).first()
