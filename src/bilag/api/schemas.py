"""Wire schemas, with Dinero's PascalCase names, for the served OpenAPI document.

Handlers build plain dicts and send them with `json_response` (orjson); these models describe
those bodies so that our OpenAPI matches `reference/dinero-openapi.json`.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict
from starlette.responses import Response


def json_response(content: Any, status_code: int = 200) -> Response:
    return Response(
        orjson.dumps(content), status_code=status_code, media_type="application/json; charset=utf-8"
    )


def query_parameter(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(WireModel):
    code: int
    message: str
    validationErrors: dict[str, str] | None = None  # lower-camel, as Dinero spells it
    languageSpecificMessages: list[dict[str, str]] = []


class PaginationDetails(WireModel):
    MaxPageSizeAllowed: int
    PageSize: int
    Result: int
    ResultWithoutFilter: int
    Page: int


class OrganizationReadModel(WireModel):
    Name: str | None = None
    Id: int | None = None
    Type: str | None = None
    IsPro: bool | None = None
    IsPayingPro: bool | None = None
    IsVatFree: bool
    Email: str | None = None
    Phone: str | None = None
    Street: str | None = None
    City: str | None = None
    ZipCode: str | None = None
    AttPerson: str | None = None
    IsTaxFreeUnion: bool
    VatNumber: str | None = None
    CountryKey: str | None = None
    Website: str | None = None


class SubscriptionReadModel(WireModel):
    HasPro: bool
    HasPayingPro: bool
    HasStarterPlus: bool
    HasTotal: bool
    HasYfs: bool


class OrganizationReadModelV2(WireModel):
    Name: str | None = None
    Id: int
    CompanyTypeKey: str | None = None
    IsVatFree: bool
    Email: str | None = None
    Phone: str | None = None
    Street: str | None = None
    City: str | None = None
    ZipCode: str | None = None
    AttPerson: str | None = None
    IsTaxFreeUnion: bool
    VatNumber: str | None = None
    CountryKey: str | None = None
    Website: str | None = None
    RoleKey: str | None = None
    Subscription: SubscriptionReadModel


class ContactFields(WireModel):
    ExternalReference: str | None = None
    Name: str
    Street: str | None = None
    ZipCode: str | None = None
    City: str | None = None
    CountryKey: str
    Phone: str | None = None
    Email: str | None = None
    Webpage: str | None = None
    AttPerson: str | None = None
    VatNumber: str | None = None
    EanNumber: str | None = None
    SENumber: str | None = None
    PNumber: str | None = None
    PaymentConditionType: str | None = None
    PaymentConditionNumberOfDays: int | None = None
    IsPerson: bool
    IsMember: bool
    MemberNumber: str | None = None
    UseCvr: bool
    CompanyTypeKey: str | None = None
    InvoiceMailOutOptionKey: str | None = None
    PreferredInvoiceLanguageKey: str | None = None
    PreferredInvoiceCurrencyKey: str | None = None


class ContactCreateModel(ContactFields):
    ContactGuid: str | None = None


class ContactReadModel(ContactFields):
    ContactGuid: str
    CreatedAt: str | None = None
    UpdatedAt: str | None = None
    DeletedAt: str | None = None
    IsDebitor: bool
    IsCreditor: bool
    CompanyStatus: str | None = None
    VatRegionKey: str | None = None


class ContactUpdateModel(ContactFields):
    pass


class ContactCreatedResult(WireModel):
    ContactGuid: str


class ContactReadModelDineroCollection(WireModel):
    Collection: list[dict[str, Any]] | None = None
    Pagination: PaginationDetails


class ContactNoteReadModel(WireModel):
    Id: str
    NoteDate: str
    AuthorName: str | None = None
    AuthorEmail: str | None = None
    CreatedAt: str | None = None
    UpdatedAt: str | None = None
    DeletedAt: str | None = None
    Text: str


class ContactNoteCreateModel(WireModel):
    Text: str


class ContactNoteUpdateModel(WireModel):
    Text: str


class ContactNoteReadModelDineroCollection(WireModel):
    Collection: list[dict[str, Any]] | None = None
    Pagination: PaginationDetails


class ProductFields(WireModel):
    ProductNumber: str | None = None
    Name: str | None = None
    BaseAmountValue: float
    Quantity: float
    AccountNumber: int
    Unit: str
    ExternalReference: str | None = None
    Comment: str | None = None


class ProductCreateModel(ProductFields):
    pass


class ProductUpdateModel(ProductFields):
    pass


class ProductReadModel(ProductFields):
    ProductGuid: str
    CreatedAt: str
    UpdatedAt: str
    DeletedAt: str | None = None
    BaseAmountValueInclVat: float
    TotalAmount: float
    TotalAmountInclVat: float


class ProductCreatedResult(WireModel):
    ProductGuid: str


class ProductReadModelDineroCollection(WireModel):
    Collection: list[dict[str, Any]] | None = None
    Pagination: PaginationDetails


class CountryModel(WireModel):
    Key: str
    DanishName: str
    EnglishName: str


class SalesVoucherSetttingsModel(WireModel):  # sic: three t's, as Dinero spells it
    LinesInclVat: bool
    FikCode: str | None = None
    UseFikCode: bool
    DefaultAccountNumber: int
    InvoiceTemplateId: str | None = None
    AddVoucherAsPdfAttachment: bool
    ReminderFee: float
    ReminderInterestRate: float
    TrustPilotEmail: str | None = None
    PaymentConditionNumberOfDays: int
    PaymentConditionType: str | None = None


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` for a route that reads its JSON body itself."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request (Dinero error body)"},
    401: {"model": ErrorBody, "description": "No valid token, or no access to the organization"},
    403: {"model": ErrorBody, "description": "No Pro subscription (code 90), or scope missing"},
    429: {"description": "API calls quota exceeded! (plain text, Retry-After header)"},
}
