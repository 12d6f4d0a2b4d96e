"""A contact's state of account (reference §2.3; `ContactStateOfAccount`).

`GET /v1/{organizationId}/state-of-account/{guid}` lists, oldest first, every voucher that moved
the contact's balance on debtors (57000) or creditors (63000): Amount in DKK, positive when the
contact owes us, and the running Balance. `from` and `to` (a date or a date-time; its day counts)
bound the period, both days included; what was owed before `from` is in the first Balance.
`hideClosed` leaves out settled invoices and purchases with their payments and credit notes.
`statement_in` is the computation, which the PDF and e-mail variants render.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import QueryParameters
from bilag.api.contact_records import contact_not_found, parse_path_guid
from bilag.api.entries_models import VOUCHER_TYPES, parse_moment
from bilag.api.errors import DineroRoute, validation_failure
from bilag.api.schemas import ERROR_RESPONSES, ErrorBody, WireModel, json_response, query_parameter
from bilag.api.state import api_state
from bilag.ledger.statements import Period, Statement, StatementLine
from bilag.storage.models import Contact
from bilag.storage.statements import contact_statement, find_contact

router = APIRouter(route_class=DineroRoute, tags=["ContactStateOfAccount"])
OrganizationId = Annotated[str, Path(alias="organizationId")]


class ContactStateOfAccountEntry(WireModel):
    RelatedVoucherGuid: str
    RelatedVoucherNumber: str | None = None
    Date: str
    DecayDate: str | None = None
    Description: str | None = None
    Type: str | None = None
    Amount: float
    Balance: float
    Status: str | None = None
    RelatedVoucherCategory: str | None = None
    RelatedVoucherClass: str | None = None
    Currency: str | None = None


class ContactStateOfAccount(WireModel):
    ContactGuid: str
    Income: float
    Expenses: float
    Entries: list[ContactStateOfAccountEntry] | None = None


_MOMENT = {"type": "string", "format": "date-time"}
PARAMETERS = [
    query_parameter("from", _MOMENT, "First day, included (a date-time's day counts)."),
    query_parameter("to", _MOMENT, "Last day, included (a date-time's day counts)."),
    query_parameter(
        "hideClosed", {"type": "boolean", "default": False}, "Leave out closed entries."
    ),
]


def period_of(first_raw: str | None, last_raw: str | None, names: tuple[str, str]) -> Period:
    """Two optional moments as a period of whole days; 400 naming the one at fault."""
    first = None if first_raw is None else parse_moment(first_raw, names[0])[0].date()
    last = None if last_raw is None else parse_moment(last_raw, names[1])[0].date()
    if first is not None and last is not None and last < first:
        raise validation_failure({names[1]: f"{names[1]} must not be before {names[0]}."})
    return Period(first, last)


def period_from(query: QueryParameters) -> Period:
    """`from` and `to` as a period of whole days; 400 naming the parameter at fault."""
    return period_of(query.text("from"), query.text("to"), ("from", "to"))


def statement_in(
    session: Session, organization_id: int, contact_guid: str, period: Period, hide_closed: bool
) -> tuple[Contact, Statement]:
    """The contact and its state of account; 404 (code 40) for a contact the organization does
    not have."""
    contact = find_contact(session, organization_id, contact_guid)
    if contact is None:
        raise contact_not_found(contact_guid)
    return contact, contact_statement(session, organization_id, contact_guid, period, hide_closed)


def statement_of(request: Request, organization_id: str, guid: str) -> tuple[str, Statement]:
    """The contact's guid and state of account for the request's `from`, `to` and
    `hideClosed`; 404 (code 40) for a contact the organization does not have."""
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    query = QueryParameters(request)
    period = period_from(query)
    hide_closed = bool(query.boolean("hideClosed"))
    with api_state(request).services.database.read() as session:
        _, statement = statement_in(
            session, access.organization_id, contact_guid, period, hide_closed
        )
    return contact_guid, statement


def _wire_day(day: Any) -> str | None:
    return None if day is None else f"{day.isoformat()}T00:00:00"


def entry_model(line: StatementLine) -> dict[str, Any]:
    item = line.item
    return {
        "RelatedVoucherGuid": item.voucher_guid,
        "RelatedVoucherNumber": str(item.voucher_number),
        "Date": _wire_day(item.day),
        "DecayDate": _wire_day(item.decay_date),
        "Description": item.description,
        "Type": VOUCHER_TYPES.get(item.voucher_type, item.voucher_type),
        "Amount": float(item.amount),
        "Balance": float(line.balance),
        "Status": line.status,
        "RelatedVoucherCategory": item.category,
        "RelatedVoucherClass": item.voucher_class,
        "Currency": item.currency,
    }


@router.get(
    "/v1/{organizationId}/state-of-account/{guid}",
    summary="Get contacts state of account",
    responses={200: {"model": ContactStateOfAccount}, 404: {"model": ErrorBody}, **ERROR_RESPONSES},
    openapi_extra={"parameters": PARAMETERS},
)
def get_state_of_account(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    contact_guid, statement = statement_of(request, organization_id, guid)
    return json_response(
        {
            "ContactGuid": contact_guid,
            "Income": float(statement.income),
            "Expenses": float(statement.expenses),
            "Entries": [entry_model(line) for line in statement.lines],
        }
    )
