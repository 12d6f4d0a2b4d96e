"""Files (reference §2.12, §3.10): upload into the archive, list, download, attachment uploads.

`POST /v1/{organizationId}/files` stores one image or PDF (type read from the content) of at most
6 MB and answers `{"FileGuid": ...}`; `POST .../files/attachment` does the same for a file kept out
of the archive, usable only as an invoice attachment. `GET .../files` lists the archive as a bare
array; `GET .../files/{fileGuid}` sends the content. The API shows a client every archive file of
its organization, attached or not (`fileStatus` tells them apart); never another organization's.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

import anyio
from fastapi import APIRouter, Path, Request
from starlette.responses import Response, StreamingResponse

from bilag.api.auth import OrganizationAccess, require_organization
from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.file_listing import LIST_PARAMETERS, file_query_from, read_model
from bilag.api.file_schemas import FileSavedReadModel, FilteredFileReadModel
from bilag.api.file_uploads import (
    ALLOWED_TYPES,
    FileType,
    ReceivedFile,
    detect_file_type,
    receive_file,
)
from bilag.api.schemas import ERROR_RESPONSES, ErrorBody, json_response, query_parameter
from bilag.api.state import api_state
from bilag.storage.file_records import (
    FileGuidRefused,
    NewFile,
    get_file,
    insert_file,
    links_of,
    list_files,
)
from bilag.storage.files import CHUNK_SIZE, LocalFileStorage
from bilag.storage.models import Application, User

router = APIRouter(route_class=DineroRoute, tags=["Files"])
OrganizationId = Annotated[str, Path(alias="organizationId")]

MAX_NAME_LENGTH = 255


def file_guid_failure(refused: FileGuidRefused) -> DineroError:
    """The 400 that voucher endpoints answer when `attach_file` refuses a FileGuid."""
    return validation_failure({refused.field: refused.message})


def file_storage(request: Request) -> LocalFileStorage:
    app_state = request.app.state
    storage: LocalFileStorage | None = getattr(app_state, "file_storage", None)
    if storage is None:
        storage = LocalFileStorage(api_state(request).services.settings.files_dir)
        app_state.file_storage = storage
    return storage


def clean_file_name(raw: str | None, file_type: FileType) -> str:
    """The base name without directories or control characters, at most 255 characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    if not name or name in (".", ".."):
        return f"file.{file_type.extension}"
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        keep = f"{dot}{extension}" if dot and len(extension) <= 10 else ""
        name = (stem if dot else name)[: MAX_NAME_LENGTH - len(keep)] + keep
    return name


def extension_for(name: str, file_type: FileType) -> str:
    """The name's own extension when it is one of the content's type, else the type's."""
    _, dot, extension = name.rpartition(".")
    extension = extension.lower()
    if dot and extension in (file_type.extension, *file_type.aliases):
        return extension
    return file_type.extension


def _uploader(session: Any, access: OrganizationAccess) -> str | None:
    principal = access.principal
    if principal.user_id is not None:
        user = session.get(User, principal.user_id)
        if user is not None:
            return str(user.name)
    application = session.get(Application, principal.application_id)
    return None if application is None else str(application.name)


async def _upload(request: Request, organization_id: str, in_archive: bool) -> Response:
    access = await anyio.to_thread.run_sync(require_organization, request, organization_id)
    query = QueryParameters(request)
    override = query.text("fileName")
    storage = file_storage(request)
    received = await receive_file(request, storage)
    try:
        guid = await anyio.to_thread.run_sync(
            _store, request, access, received, override, in_archive, storage
        )
    except BaseException:
        received.writer.discard()
        raise
    return json_response({"FileGuid": guid})


def _store(
    request: Request,
    access: OrganizationAccess,
    received: ReceivedFile,
    override: str | None,
    in_archive: bool,
    storage: LocalFileStorage,
) -> str:
    file_type = detect_file_type(received.writer.head())
    if file_type is None:
        allowed = ", ".join(kind.extension.upper() for kind in ALLOWED_TYPES)
        message = f"The file's content is not a supported type; upload an image or PDF ({allowed})."
        raise validation_failure({"file": message})
    name = clean_file_name(override or received.filename, file_type)
    size = received.writer.size
    # The blob is in place before the row commits, so no row ever points at a missing blob.
    digest = received.writer.commit()
    database = api_state(request).services.database
    with database.write() as session:
        row = insert_file(
            session,
            NewFile(
                organization_id=access.organization_id,
                name=name,
                extension=extension_for(name, file_type),
                content_type=file_type.content_type,
                size=size,
                sha256=digest,
                in_archive=in_archive,
                uploaded_by_client_id=access.principal.client_id,
                uploaded_by_user_id=access.principal.user_id,
                uploaded_by=_uploader(session, access),
            ),
        )
        return row.guid


_UPLOAD_DOCS: dict[str, Any] = {
    "responses": {
        200: {"model": FileSavedReadModel},
        413: {"model": ErrorBody, "description": "The file is larger than 6 MB (code 43)"},
        **ERROR_RESPONSES,
    },
    "openapi_extra": {
        "parameters": [
            query_parameter("fileName", {"type": "string"}, "Overrides the part's filename.")
        ],
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        },
    },
}


@router.post("/v1/{organizationId}/files", summary="Upload file", **_UPLOAD_DOCS)
async def upload_file(request: Request, organization_id: OrganizationId) -> Response:
    return await _upload(request, organization_id, in_archive=True)


@router.post(
    "/v1/{organizationId}/files/attachment",
    summary="Upload a file as an attachment.",
    **_UPLOAD_DOCS,
)
async def upload_attachment(request: Request, organization_id: OrganizationId) -> Response:
    return await _upload(request, organization_id, in_archive=False)


@router.get(
    "/v1/{organizationId}/files",
    summary="List files",
    responses={200: {"model": list[FilteredFileReadModel]}, **ERROR_RESPONSES},
    openapi_extra={"parameters": LIST_PARAMETERS},
)
def list_archive(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    file_query = file_query_from(request)
    with api_state(request).services.database.read() as session:
        rows = list_files(session, access.organization_id, file_query)
        links = links_of(session, [row.guid for row in rows])
        return json_response([read_model(row, links[row.guid]) for row in rows])


@router.get(
    "/v1/{organizationId}/files/{fileGuid}",
    summary="Download the specified file",
    responses={
        200: {"description": "The file's content"},
        404: {"model": ErrorBody},
        **ERROR_RESPONSES,
    },
)
def download_file(
    request: Request,
    organization_id: OrganizationId,
    file_guid: Annotated[str, Path(alias="fileGuid")],
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        row = get_file(session, access.organization_id, file_guid)
    storage = file_storage(request)
    if row is None or not storage.exists(row.sha256):
        message = f"No file with FileGuid '{file_guid}' in this organization."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    content = storage.open(row.sha256)

    def chunks() -> Any:
        with content:
            while chunk := content.read(CHUNK_SIZE):
                yield chunk

    quoted = quote(row.name, safe="")
    headers = {
        "Content-Length": str(row.size),
        "Content-Disposition": f"inline; filename*=UTF-8''{quoted}",
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(chunks(), media_type=row.content_type, headers=headers)
