"""A voucher's file as the web app shows it: `/app/{organizationId}/files/{fileGuid}`.

Served only to a member of the organization, and only while a live voucher or sales document
uses the file: an unattached file is a 404, as the FAQ requires. The voucher page shows an image
in an <img> and a PDF in an <iframe>, so this route, unlike the pages, may be framed by the
same origin (`frame-ancestors 'self'`); its own content may load nothing but itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from bilag.storage.files import CHUNK_SIZE, LocalFileStorage
from bilag.storage.models import StoredFile
from bilag.storage.voucher_details import get_attached_file
from bilag.web.security import PageError, services_of
from bilag.web.shell import org_context
from bilag.web.voucher_texts import TEXTS

router = APIRouter(include_in_schema=False)
FILE_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'"


def file_storage(request: Request) -> LocalFileStorage:
    """The blob store (shared with the API through the app's state)."""
    found: LocalFileStorage | None = getattr(request.app.state, "file_storage", None)
    if found is None:
        found = LocalFileStorage(services_of(request).settings.files_dir)
        request.app.state.file_storage = found
    return found


def _find(request: Request, organization_id: int, file_guid: str) -> StoredFile | None:
    with services_of(request).database.read() as session:
        return get_attached_file(session, organization_id, file_guid)


def file_headers(row: StoredFile) -> dict[str, str]:
    return {
        "Content-Length": str(row.size),
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(row.name, safe='')}",
        "Content-Security-Policy": FILE_CSP,
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "private, no-store",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


@router.get("/app/{organization_id}/files/{file_guid}")
async def voucher_file(request: Request, organization_id: str, file_guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    row = await run_in_threadpool(_find, request, ctx.organization_id, file_guid)
    storage = file_storage(request)
    if row is None or not storage.exists(row.sha256):
        message = TEXTS[ctx.language]["file_missing"]
        raise PageError(404, message, title="Not found")
    content = storage.open(row.sha256)

    def chunks() -> Iterator[bytes]:
        with content:
            while chunk := content.read(CHUNK_SIZE):
                yield chunk

    return StreamingResponse(chunks(), media_type=row.content_type, headers=file_headers(row))
