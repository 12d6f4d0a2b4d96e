"""Notes on a contact: `/v1/{organizationId}/contacts/{contactGuid}/notes[/{noteGuid}]`.

The list is paged like contacts, ordered by NoteDate, with `fields` (default `Id,NoteDate,Text`)
and `deletedOnly` (default false). A new note's author is the calling user, or the client id for a
legacy token bound to one organization. Create answers `{"ContactGuid": <note id>}`, the
`ContactCreatedResult` that Dinero's document gives for it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from bilag.api.auth import OrganizationAccess, require_organization
from bilag.api.binding import JsonBody, QueryParameters, read_json_body
from bilag.api.contact_note_records import (
    NOTE_FIELDS,
    add_note,
    bind_note_text,
    delete_note,
    get_note,
    list_notes,
    note_read_model,
    replace_note,
)
from bilag.api.contact_records import parse_path_guid
from bilag.api.errors import DineroRoute
from bilag.api.fields import project_all, select_fields
from bilag.api.paging import envelope, paging_from_query
from bilag.api.schemas import (
    ERROR_RESPONSES,
    ContactCreatedResult,
    ContactNoteCreateModel,
    ContactNoteReadModel,
    ContactNoteReadModelDineroCollection,
    ContactNoteUpdateModel,
    json_response,
    query_parameter,
    request_body,
)
from bilag.api.state import api_state
from bilag.storage.db import Database

router = APIRouter(route_class=DineroRoute, tags=["ContactNotes"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
ContactGuid = Annotated[str, Path(alias="contactGuid")]
NoteGuid = Annotated[str, Path(alias="noteGuid")]
Body = Annotated[JsonBody, Depends(read_json_body)]

NOTES = "/v1/{organizationId}/contacts/{contactGuid}/notes"
NOTE = NOTES + "/{noteGuid}"
DEFAULT_FIELDS = "Id,NoteDate,Text"
_OK = {200: {"description": "OK"}, **ERROR_RESPONSES}

_LIST_PARAMETERS = [
    query_parameter(
        "fields",
        {"type": "string", "default": DEFAULT_FIELDS},
        "A comma separated list of fields to include in the response. Possible values are "
        + ", ".join(NOTE_FIELDS)
        + ". Not case sensitive; each property is returned the way you spell it.",
    ),
    query_parameter("deletedOnly", {"type": "boolean", "default": False}, "Only deleted notes."),
    query_parameter("page", {"type": "integer", "format": "int32", "default": 0}, "0-based page."),
    query_parameter(
        "pageSize", {"type": "integer", "format": "int32", "default": 100}, "At most 1000."
    ),
]


def _begin(
    request: Request, organization_id: str, contact_guid: str
) -> tuple[OrganizationAccess, Database, str]:
    access = require_organization(request, organization_id)
    guid = parse_path_guid("contactGuid", contact_guid)
    return access, api_state(request).services.database, guid


@router.get(
    NOTES,
    summary="List contact notes",
    responses={200: {"model": ContactNoteReadModelDineroCollection}, **ERROR_RESPONSES},
    openapi_extra={"parameters": _LIST_PARAMETERS},
)
def list_contact_notes(
    request: Request, organization_id: OrganizationId, contact_guid: ContactGuid
) -> Response:
    access, database, guid = _begin(request, organization_id, contact_guid)
    query = QueryParameters(request)
    selection = select_fields(query.text("fields"), default=DEFAULT_FIELDS, allowed=NOTE_FIELDS)
    deleted = query.boolean("deletedOnly") or False
    paging = paging_from_query(query)
    notes, matching = list_notes(database, access.organization_id, guid, deleted, paging)
    items = project_all([note_read_model(note) for note in notes], selection)
    return json_response(envelope(items, paging, matching))


@router.post(
    NOTES,
    summary="Create contact note",
    responses={200: {"model": ContactCreatedResult}, **ERROR_RESPONSES},
    openapi_extra=request_body(ContactNoteCreateModel),
)
def create_contact_note(
    request: Request, organization_id: OrganizationId, contact_guid: ContactGuid, body: Body
) -> Response:
    access, database, guid = _begin(request, organization_id, contact_guid)
    text = bind_note_text(body.object())
    principal = access.principal
    author = (principal.user_id, principal.client_id)
    note_guid = add_note(database, access.organization_id, guid, text, author)
    return json_response({"ContactGuid": note_guid})


@router.get(
    NOTE,
    summary="Get contact note",
    responses={200: {"model": ContactNoteReadModel}, **ERROR_RESPONSES},
)
def read_contact_note(
    request: Request,
    organization_id: OrganizationId,
    contact_guid: ContactGuid,
    note_guid: NoteGuid,
) -> Response:
    access, database, guid = _begin(request, organization_id, contact_guid)
    note_id = parse_path_guid("noteGuid", note_guid)
    return json_response(note_read_model(get_note(database, access.organization_id, guid, note_id)))


@router.put(
    NOTE,
    summary="Update contact note",
    responses=_OK,
    response_class=Response,
    openapi_extra=request_body(ContactNoteUpdateModel),
)
def update_contact_note(
    request: Request,
    organization_id: OrganizationId,
    contact_guid: ContactGuid,
    note_guid: NoteGuid,
    body: Body,
) -> Response:
    access, database, guid = _begin(request, organization_id, contact_guid)
    note_id = parse_path_guid("noteGuid", note_guid)
    text = bind_note_text(body.object())
    replace_note(database, access.organization_id, guid, note_id, text)
    return Response(status_code=200)


@router.delete(NOTE, summary="Delete contact note", responses=_OK, response_class=Response)
def delete_contact_note(
    request: Request,
    organization_id: OrganizationId,
    contact_guid: ContactGuid,
    note_guid: NoteGuid,
) -> Response:
    access, database, guid = _begin(request, organization_id, contact_guid)
    note_id = parse_path_guid("noteGuid", note_guid)
    delete_note(database, access.organization_id, guid, note_id)
    return Response(status_code=200)
