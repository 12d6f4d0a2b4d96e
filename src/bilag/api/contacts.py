"""Contacts: the first organization-scoped resource (reference §2.3, §3.2).

`GET /v1/{organizationId}/contacts` and `GET /v2/...` list with `fields`, `queryFilter`,
`changesSince`, `deletedOnly` and paging; they differ only in what an absent `deletedOnly` means
(v1: not deleted; v2: both). `POST /v1/...` creates, `GET /v1/.../{guid}` reads one (deleted or
not), `PUT /v1/...` (deprecated) and `PUT /v2/...` replace one, `DELETE` soft-deletes it and
`POST .../restore` undoes that; the rules for deleted contacts are in `contact_changes`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, QueryParameters, read_json_body
from bilag.api.contact_changes import (
    delete_contact,
    replace_contact,
    restore_contact,
)
from bilag.api.contact_listing import ContactQuery, list_contacts
from bilag.api.contact_records import (
    FILTERABLE,
    LIST_FIELDS,
    ContactGuidTaken,
    bind_contact_update,
    bind_new_contact,
    contact_not_found,
    get_contact,
    insert_contact,
    parse_path_guid,
    read_model,
)
from bilag.api.errors import DineroRoute, validation_failure
from bilag.api.fields import project_all, select_fields
from bilag.api.filters import parse_filter
from bilag.api.listing import parse_changes_since
from bilag.api.paging import envelope, paging_from_query
from bilag.api.schemas import (
    ERROR_RESPONSES,
    ContactCreatedResult,
    ContactCreateModel,
    ContactReadModel,
    ContactReadModelDineroCollection,
    ContactUpdateModel,
    json_response,
    query_parameter,
    request_body,
)
from bilag.api.state import api_state
from bilag.api.webhooks import wake_webhooks

router = APIRouter(route_class=DineroRoute, tags=["Contacts"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]

DEFAULT_FIELDS = "name,contactGuid"

_LIST_PARAMETERS = [
    query_parameter(
        "fields",
        {"type": "string", "default": DEFAULT_FIELDS},
        "A comma separated list of fields to include in the response. Possible values are "
        + ", ".join(LIST_FIELDS)
        + ". Not case sensitive; each property is returned the way you spell it.",
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
        "Only contacts created, updated or deleted at or after this UTC time, "
        "format YYYY-MM-DDTHH:mm:ssZ, e.g. 2015-08-18T06:36:22Z.",
    ),
    query_parameter("deletedOnly", {"type": "boolean", "default": False}, "Only deleted contacts."),
    query_parameter("page", {"type": "integer", "format": "int32", "default": 0}, "0-based page."),
    query_parameter(
        "pageSize", {"type": "integer", "format": "int32", "default": 100}, "At most 1000."
    ),
]
_LIST_DOCS: dict[str, Any] = {
    "responses": {200: {"model": ContactReadModelDineroCollection}, **ERROR_RESPONSES},
    "openapi_extra": {"parameters": _LIST_PARAMETERS},
}


def _list(request: Request, organization_id: str, v2: bool) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    selection = select_fields(query.text("fields"), default=DEFAULT_FIELDS, allowed=LIST_FIELDS)
    deleted_only = query.boolean("deletedOnly")
    absent_means = None if v2 else False
    contact_query = ContactQuery(
        terms=parse_filter(query.raw("queryFilter"), FILTERABLE),
        changes_since=parse_changes_since(query.text("changesSince")),
        deleted=absent_means if deleted_only is None else deleted_only,
        paging=paging_from_query(query),
    )
    database = api_state(request).services.database
    contacts, matching = list_contacts(database, access.organization_id, contact_query)
    items = project_all([read_model(contact) for contact in contacts], selection)
    return json_response(envelope(items, contact_query.paging, matching))


@router.get("/v1/{organizationId}/contacts", summary="List contacts", **_LIST_DOCS)
def list_contacts_v1(request: Request, organization_id: OrganizationId) -> Response:
    return _list(request, organization_id, v2=False)


@router.get("/v2/{organizationId}/contacts", summary="List contacts v2", **_LIST_DOCS)
def list_contacts_v2(request: Request, organization_id: OrganizationId) -> Response:
    return _list(request, organization_id, v2=True)


@router.post(
    "/v1/{organizationId}/contacts",
    summary="Create contact",
    responses={200: {"model": ContactCreatedResult}, **ERROR_RESPONSES},
    openapi_extra=request_body(ContactCreateModel),
)
def create_contact(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    values = bind_new_contact(body.object())
    try:
        guid = insert_contact(api_state(request).services.database, access.organization_id, values)
    except ContactGuidTaken:
        raise validation_failure(
            {"ContactGuid": "A contact with this ContactGuid already exists."}
        ) from None
    wake_webhooks(request)
    return json_response({"ContactGuid": guid})


@router.get(
    "/v1/{organizationId}/contacts/{guid}",
    summary="Get Contact",
    responses={200: {"model": ContactReadModel}, **ERROR_RESPONSES},
)
def read_contact(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    contact = get_contact(
        api_state(request).services.database, access.organization_id, contact_guid
    )
    if contact is None:
        raise contact_not_found(contact_guid)
    return json_response(read_model(contact))


def _replace(request: Request, organization_id: str, guid: str, body: JsonBody) -> Response:
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    values = bind_contact_update(body.object())
    replace_contact(
        api_state(request).services.database, access.organization_id, contact_guid, values
    )
    wake_webhooks(request)
    return Response(status_code=200)


_EMPTY_OK: dict[str, Any] = {
    "responses": {200: {"description": "OK"}, **ERROR_RESPONSES},
    "response_class": Response,  # 200 with no body, as Dinero answers
}
_UPDATE_DOCS: dict[str, Any] = {
    **_EMPTY_OK,
    "openapi_extra": request_body(ContactUpdateModel),
}


@router.put(
    "/v1/{organizationId}/contacts/{guid}",
    summary="Update contact",
    deprecated=True,
    **_UPDATE_DOCS,
)
def update_contact_v1(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _replace(request, organization_id, guid, body)


@router.put("/v2/{organizationId}/contacts/{guid}", summary="Update contact", **_UPDATE_DOCS)
def update_contact_v2(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _replace(request, organization_id, guid, body)


@router.delete(
    "/v1/{organizationId}/contacts/{guid}",
    summary="Delete contact",
    **_EMPTY_OK,
)
def remove_contact(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    delete_contact(api_state(request).services.database, access.organization_id, contact_guid)
    wake_webhooks(request)
    return Response(status_code=200)


@router.post(
    "/v1/{organizationId}/contacts/{guid}/restore",
    summary="Restore deleted contact",
    **_EMPTY_OK,
)
def undelete_contact(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    restore_contact(api_state(request).services.database, access.organization_id, contact_guid)
    wake_webhooks(request)
    return Response(status_code=200)
