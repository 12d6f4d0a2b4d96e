"""Accounts (reference §2.2, §3.3): the entry, purchase and deposit lists, and creating accounts.

Lists are plain arrays ordered by number and projected by `fields`. The entry list also takes
`categoryFilter`: one category, or several separated by commas, matched case-insensitively.
An account without VAT shows `VatCode` null.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, QueryParameters, bind_object, read_json_body
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.fields import project_all, select_fields
from bilag.api.ledger_errors import ledger_failure
from bilag.api.ledger_schemas import (
    AccountCreateModel,
    DepositAccountReadModel,
    DepositCreateModel,
    EntryAccountReadModel,
)
from bilag.api.schemas import ERROR_RESPONSES, json_response, query_parameter
from bilag.api.state import api_state
from bilag.ledger.accounts import (
    MAX_NAME_LENGTH,
    PURCHASE_RANGE,
    Account,
    Category,
    category_for_number,
    get_category,
    validate_new_account,
)
from bilag.ledger.errors import LedgerError, UnknownVatCode
from bilag.ledger.vat import canonical_code, is_known_code, is_no_vat
from bilag.storage import chart
from bilag.storage.models import ledger as rows

router = APIRouter(route_class=DineroRoute, tags=["Accounts"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]

ENTRY_FIELDS = list(EntryAccountReadModel.model_fields)
DEPOSIT_FIELDS = list(DepositAccountReadModel.model_fields)
ENTRY_DEFAULT = "AccountNumber,Name,IsHidden"
PURCHASE_DEFAULT = "AccountNumber,Name,VatCode,Category,CategoryName,IsHidden"
DEPOSIT_DEFAULT = "AccountNumber,Name"

_ACCOUNT_PROPS = (
    Prop("Number", "int", required=True),
    Prop("PublicStandardNumber", "int"),
    Prop("Name", required=True, max_length=MAX_NAME_LENGTH),
    Prop("VatCode", required=True, max_length=10),
)
_DEPOSIT_PROPS = (
    Prop("Number", "int", required=True),
    Prop("PublicStandardNumber", "int"),
    Prop("Name", required=True, max_length=MAX_NAME_LENGTH),
    Prop("RegistrationNumber", max_length=20),
    Prop("AccountNumber", max_length=40),
    Prop("SwiftNumber", max_length=20),
    Prop("IbanNumber", max_length=40),
)


def _fields_parameter(default: str, allowed: list[str]) -> dict[str, Any]:
    return query_parameter(
        "fields",
        {"type": "string", "default": default},
        "A comma separated list of fields to include in the response. Possible values are "
        + ", ".join(allowed)
        + ". Not case sensitive; each property is returned the way you spell it.",
    )


def _list_docs(model: type, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "responses": {200: {"model": list[model]}, **ERROR_RESPONSES},  # type: ignore[valid-type]
        "openapi_extra": {"parameters": parameters},
    }


def _body_docs(model: type) -> dict[str, Any]:
    schema = model.model_json_schema()  # type: ignore[attr-defined]
    return {
        "responses": {200: {"description": "OK"}, **ERROR_RESPONSES},
        "openapi_extra": {
            "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}
        },
    }


def entry_read_model(row: rows.Account) -> dict[str, Any]:
    category = get_category(row.category) or Category.NOT_SET
    return {
        "AccountNumber": row.number,
        "PublicStandardNumber": row.public_standard_number,
        "Name": row.name,
        "VatCode": row.vat_code,
        "Category": category.wire_name,
        "CategoryName": category.danish_name,
        "IsHidden": row.is_hidden,
        "IsDefaultSalesAccount": row.is_default_sales,
    }


def deposit_read_model(row: rows.Account) -> dict[str, Any]:
    return {
        "AccountNumber": row.number,
        "PublicStandardNumber": row.public_standard_number,
        "Name": row.name,
        "IsDefault": row.is_default_deposit,
        "IsHidden": row.is_hidden,
        "BankRegistrationNumber": row.bank_registration_number,
        "BankAccountNumber": row.bank_account_number,
        "BankSwiftNumber": row.bank_swift_number,
        "BankIbanNumber": row.bank_iban_number,
    }


def parse_category_filter(raw: str | None) -> set[str] | None:
    if raw is None:
        return None
    wanted: set[str] = set()
    for name in (part.strip() for part in raw.split(",")):
        category = get_category(name) if name else None
        if category is None:
            allowed = ", ".join(c.wire_name for c in Category)
            message = f"Unknown category '{name}' in categoryFilter. Possible: {allowed}."
            raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"categoryFilter": message})
        wanted.add(category.wire_name)
    return wanted


def _in_categories(query: QueryParameters) -> Callable[[rows.Account], bool]:
    categories = parse_category_filter(query.text("categoryFilter"))
    return lambda row: categories is None or row.category in categories


def _list(
    request: Request,
    organization_id: str,
    *,
    default: str,
    allowed: list[str],
    keep: Callable[[QueryParameters], Callable[[rows.Account], bool]],
    read_model: Callable[[rows.Account], dict[str, Any]],
) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    selection = select_fields(query.text("fields"), default=default, allowed=allowed)
    wanted = keep(query)
    with api_state(request).services.database.read() as session:
        found = [
            read_model(row)
            for row in chart.list_account_rows(session, access.organization_id)
            if wanted(row)
        ]
    return json_response(project_all(found, selection))


@router.get(
    "/v1/{organizationId}/accounts/entry",
    summary="List entry accounts",
    **_list_docs(
        EntryAccountReadModel,
        [
            _fields_parameter(ENTRY_DEFAULT, ENTRY_FIELDS),
            query_parameter(
                "categoryFilter",
                {"type": "string", "default": ""},
                "Only accounts of this category: " + ", ".join(c.wire_name for c in Category),
            ),
        ],
    ),
)
def list_entry_accounts(request: Request, organization_id: OrganizationId) -> Response:
    return _list(
        request,
        organization_id,
        default=ENTRY_DEFAULT,
        allowed=ENTRY_FIELDS,
        keep=_in_categories,
        read_model=entry_read_model,
    )


@router.get(
    "/v1/{organizationId}/accounts/purchase",
    summary="List purchase accounts",
    **_list_docs(EntryAccountReadModel, [_fields_parameter(PURCHASE_DEFAULT, ENTRY_FIELDS)]),
)
def list_purchase_accounts(request: Request, organization_id: OrganizationId) -> Response:
    return _list(
        request,
        organization_id,
        default=PURCHASE_DEFAULT,
        allowed=ENTRY_FIELDS,
        keep=lambda _query: lambda row: row.number in PURCHASE_RANGE and not row.is_deposit,
        read_model=entry_read_model,
    )


@router.get(
    "/v1/{organizationId}/accounts/deposit",
    summary="List deposit accounts",
    **_list_docs(DepositAccountReadModel, [_fields_parameter(DEPOSIT_DEFAULT, DEPOSIT_FIELDS)]),
)
def list_deposit_accounts(request: Request, organization_id: OrganizationId) -> Response:
    return _list(
        request,
        organization_id,
        default=DEPOSIT_DEFAULT,
        allowed=DEPOSIT_FIELDS,
        keep=lambda _query: lambda row: row.is_deposit,
        read_model=deposit_read_model,
    )


@router.post(
    "/v1/{organizationId}/accounts/entry",
    summary="Create entry account",
    **_body_docs(AccountCreateModel),
)
def create_entry_account(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), _ACCOUNT_PROPS)
    vat_code: str = values["VatCode"].strip()
    account = Account(
        number=values["Number"],
        name=values["Name"].strip(),
        vat_code=None if is_no_vat(vat_code) else canonical_code(vat_code),
        category=category_for_number(values["Number"]),
        public_standard_number=values["PublicStandardNumber"],
    )
    extra: list[LedgerError] = []
    if not is_known_code(vat_code):
        extra.append(UnknownVatCode(f"Unknown VAT code '{vat_code}'.", "VatCode"))
    _store(request, access.organization_id, account, None, extra)
    return Response(status_code=200)


@router.post(
    "/v1/{organizationId}/accounts/deposit",
    summary="Create deposit account",
    **_body_docs(DepositCreateModel),
)
def create_deposit_account(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), _DEPOSIT_PROPS)
    account = Account(
        number=values["Number"],
        name=values["Name"].strip(),
        vat_code=None,
        category=Category.LIQUID_ASSETS,
        is_deposit=True,
        public_standard_number=values["PublicStandardNumber"],
    )
    bank = chart.BankDetails(
        registration_number=values["RegistrationNumber"],
        account_number=values["AccountNumber"],
        swift_number=values["SwiftNumber"],
        iban_number=values["IbanNumber"],
    )
    _store(request, access.organization_id, account, bank, [])
    return Response(status_code=200)


def _store(
    request: Request,
    organization_id: int,
    account: Account,
    bank: chart.BankDetails | None,
    problems: list[LedgerError],
) -> None:
    with api_state(request).services.database.write() as session:
        taken = chart.account_numbers(session, organization_id)
        problems = [
            *validate_new_account(account.number, account.name, taken, deposit=account.is_deposit),
            *problems,
        ]
        if problems:
            raise ledger_failure(problems)
        try:
            chart.add_account(session, organization_id, account, bank)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
