"""The contact form: the fields a person edits, the API body they become (the API validates it),
and the API's validation errors put back beside the fields they name."""

from __future__ import annotations

from typing import Any

from bilag.storage.models import Contact
from bilag.web.forms import Fields, single

# form field -> (wire name, column); the fields the web form shows
FIELDS = {
    "name": ("Name", "name"),
    "street": ("Street", "street"),
    "zip_code": ("ZipCode", "zip_code"),
    "city": ("City", "city"),
    "country_key": ("CountryKey", "country_key"),
    "email": ("Email", "email"),
    "phone": ("Phone", "phone"),
    "vat_number": ("VatNumber", "vat_number"),
    "ean_number": ("EanNumber", "ean_number"),
    "att_person": ("AttPerson", "att_person"),
    "webpage": ("Webpage", "webpage"),
    "payment_condition_type": ("PaymentConditionType", "payment_condition_type"),
    "payment_condition_days": ("PaymentConditionNumberOfDays", "payment_condition_number_of_days"),
}
CHECKBOXES = {"is_person": ("IsPerson", "is_person")}
# what a replace (PUT) must carry so that the fields the form does not show are kept
KEPT = {
    "ExternalReference": "external_reference",
    "SENumber": "se_number",
    "PNumber": "p_number",
    "MemberNumber": "member_number",
    "PreferredInvoiceCurrencyKey": "preferred_invoice_currency_key",
    "IsMember": "is_member",
    "UseCvr": "use_cvr",
    "CompanyTypeKey": "company_type_key",
    "InvoiceMailOutOptionKey": "invoice_mail_out_option_key",
    "PreferredInvoiceLanguageKey": "preferred_invoice_language_key",
}
CONDITION_TYPES = ("Netto", "NettoCash", "CurrentMonthOut")
MAX_FIELD = 400
_WIRE_TO_FORM = {wire.lower(): name for name, (wire, _column) in (FIELDS | CHECKBOXES).items()}


def blank_values() -> dict[str, str]:
    values = {name: "" for name in FIELDS}
    values.update(country_key="DK", payment_condition_type="Netto", payment_condition_days="8")
    values.update({name: "" for name in CHECKBOXES})
    return values


def contact_values(contact: Contact) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, (_wire, column) in FIELDS.items():
        value = getattr(contact, column)
        values[name] = "" if value is None else str(value)
    for name, (_wire, column) in CHECKBOXES.items():
        values[name] = "on" if getattr(contact, column) else ""
    return values


def posted_values(fields: Fields) -> dict[str, str]:
    values = {name: (single(fields, name, max_length=MAX_FIELD) or "").strip() for name in FIELDS}
    for name in CHECKBOXES:
        values[name] = "on" if single(fields, name, max_length=10) else ""
    return values


def api_body(values: dict[str, str], existing: Contact | None) -> dict[str, Any]:
    """The ContactCreateModel / ContactUpdateModel for the form's values; on an edit, the
    contact's other fields are sent as they are, since the update replaces the contact."""
    body: dict[str, Any] = {}
    if existing is not None:
        body.update({wire: getattr(existing, column) for wire, column in KEPT.items()})
    else:
        body.update(IsMember=False, UseCvr=False)
    for name, (wire, _column) in FIELDS.items():
        body[wire] = values[name] or None
    for name, (wire, _column) in CHECKBOXES.items():
        body[wire] = bool(values[name])
    body["Name"] = values["name"]
    body["CountryKey"] = values["country_key"]
    days = values["payment_condition_days"]
    if values["payment_condition_type"] == "NettoCash":
        days = ""
    if not days:
        body["PaymentConditionNumberOfDays"] = None
    elif days.isascii() and days.isdigit() and len(days) < 6:
        body["PaymentConditionNumberOfDays"] = int(days)
    else:
        body["PaymentConditionNumberOfDays"] = days  # the API names what is wrong with it
    return body


def field_errors(reply_json: Any) -> dict[str, str]:
    """The API's validation errors by form field (unknown names under "form")."""
    if not isinstance(reply_json, dict):
        return {}
    errors = reply_json.get("validationErrors")
    if not isinstance(errors, dict):
        return {}
    found: dict[str, str] = {}
    for wire, message in errors.items():
        name = _WIRE_TO_FORM.get(str(wire).lower(), "form")
        found[name] = f"{found[name]} {message}" if name in found else str(message)
    return found
