"""Products (reference §2.4, §3.4): list, create, read one, replace and soft-delete.

A deleted product can still be read and listed with `deletedOnly=true`, but an update or a second
delete is refused with code 65, "Item is deleted", as for contacts. Products have no restore.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, QueryParameters, read_json_body
from bilag.api.contact_records import parse_path_guid
from bilag.api.errors import DineroRoute
from bilag.api.fields import project_all, select_fields
from bilag.api.filters import parse_filter
from bilag.api.listing import parse_changes_since
from bilag.api.paging import envelope, paging_from_query
from bilag.api.product_listing import ProductQuery, list_products
from bilag.api.product_records import (
    FILTERABLE,
    LIST_FIELDS,
    bind_product,
    delete_product,
    insert_product,
    read_chart,
    read_model,
    read_product,
    replace_product,
)
from bilag.api.schemas import (
    ERROR_RESPONSES,
    ProductCreatedResult,
    ProductCreateModel,
    ProductReadModel,
    ProductReadModelDineroCollection,
    ProductUpdateModel,
    json_response,
    query_parameter,
    request_body,
)
from bilag.api.state import api_state

router = APIRouter(route_class=DineroRoute, tags=["Products"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]

DEFAULT_FIELDS = "Name,ProductGuid"

_LIST_PARAMETERS = [
    query_parameter(
        "fields",
        {"type": "string", "default": DEFAULT_FIELDS},
        "A comma separated list of fields to include in the response. Possible values are "
        + ", ".join(LIST_FIELDS)
        + ". Not case sensitive; each property is returned the way you spell it.",
    ),
    query_parameter(
        "freeTextSearch",
        {"type": "string"},
        "Products whose Name or ProductNumber contains this text, in any case.",
    ),
    query_parameter(
        "queryFilter",
        {"type": "string"},
        "Conditions `<Field> <eq|contains> '<value>'` joined by `;` (AND), values matched "
        "case-insensitively. Filterable fields: " + ", ".join(FILTERABLE) + ".",
    ),
    query_parameter(
        "changesSince",
        {"type": "string"},
        "Only products created, updated or deleted at or after this UTC time, "
        "format YYYY-MM-DDTHH:mm:ssZ, e.g. 2015-08-18T06:36:22Z.",
    ),
    query_parameter("deletedOnly", {"type": "boolean", "default": False}, "Only deleted products."),
    query_parameter("page", {"type": "integer", "format": "int32", "default": 0}, "0-based page."),
    query_parameter(
        "pageSize", {"type": "integer", "format": "int32", "default": 100}, "At most 1000."
    ),
]
_EMPTY_OK: dict[str, Any] = {
    "responses": {200: {"description": "OK"}, **ERROR_RESPONSES},
    "response_class": Response,  # 200 with no body, as Dinero answers
}


@router.get(
    "/v1/{organizationId}/products",
    summary="List products",
    responses={200: {"model": ProductReadModelDineroCollection}, **ERROR_RESPONSES},
    openapi_extra={"parameters": _LIST_PARAMETERS},
)
def list_products_v1(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    selection = select_fields(query.text("fields"), default=DEFAULT_FIELDS, allowed=LIST_FIELDS)
    product_query = ProductQuery(
        search=query.text("freeTextSearch"),
        terms=parse_filter(query.raw("queryFilter"), FILTERABLE),
        changes_since=parse_changes_since(query.text("changesSince")),
        deleted=bool(query.boolean("deletedOnly")),
        paging=paging_from_query(query),
    )
    database = api_state(request).services.database
    products, matching = list_products(database, access.organization_id, product_query)
    chart = read_chart(database, access.organization_id)
    items = project_all([read_model(product, chart) for product in products], selection)
    return json_response(envelope(items, product_query.paging, matching))


@router.post(
    "/v1/{organizationId}/products",
    summary="Create product",
    responses={200: {"model": ProductCreatedResult}, **ERROR_RESPONSES},
    openapi_extra=request_body(ProductCreateModel),
)
def create_product(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    values = bind_product(body.object())
    guid = insert_product(api_state(request).services.database, access.organization_id, values)
    return json_response({"ProductGuid": guid})


@router.get(
    "/v1/{organizationId}/products/{guid}",
    summary="Get product",
    responses={200: {"model": ProductReadModel}, **ERROR_RESPONSES},
)
def get_product(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    product_guid = parse_path_guid("guid", guid)
    product, chart = read_product(
        api_state(request).services.database, access.organization_id, product_guid
    )
    return json_response(read_model(product, chart))


@router.put(
    "/v1/{organizationId}/products/{guid}",
    summary="Update product",
    **_EMPTY_OK,
    openapi_extra=request_body(ProductUpdateModel),
)
def update_product(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    product_guid = parse_path_guid("guid", guid)
    values = bind_product(body.object())
    replace_product(
        api_state(request).services.database, access.organization_id, product_guid, values
    )
    return Response(status_code=200)


@router.delete("/v1/{organizationId}/products/{guid}", summary="Delete product", **_EMPTY_OK)
def remove_product(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    product_guid = parse_path_guid("guid", guid)
    delete_product(api_state(request).services.database, access.organization_id, product_guid)
    return Response(status_code=200)
