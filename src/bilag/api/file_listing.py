"""The files list's query parameters (reference §2.12) and its read model (§3.10).

`extensions` takes a comma list and may repeat; `jpg` also finds `jpeg` files and so on.
`uploadedAfter` and `uploadedBefore` take `yyyy/MM/dd` (or `yyyy-MM-dd`) and both include the
named day. `fileStatus` is All (default), Used (attached to a voucher or ledger item) or Unused,
in any casing. `pageSize` defaults to 1000 here, and may be at most 1000. Newest first.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request

from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroError, ErrorCode
from bilag.api.file_uploads import ALLOWED_TYPES
from bilag.api.paging import make_paging
from bilag.api.schemas import query_parameter
from bilag.storage.file_records import FileQuery
from bilag.storage.models import StoredFile

DEFAULT_FILES_PAGE_SIZE = 1000
FILE_STATUSES = ("All", "Used", "Unused")


def _parse_day(query: QueryParameters, name: str) -> datetime | None:
    raw = query.text(name)
    if raw is None:
        return None
    try:
        return datetime.strptime(raw.replace("-", "/"), "%Y/%m/%d")
    except ValueError:
        message = (
            f"{name} must be a date in the format yyyy/MM/dd, such as 2024/01/31, not '{raw}'."
        )
        raise DineroError(ErrorCode.INVALID_FORMAT, message, 400, {name: message}) from None


def _extensions(request: Request) -> frozenset[str]:
    """`extensions=pdf,png` and/or `extensions=pdf&extensions=png`, any case, dots allowed."""
    wanted: set[str] = set()
    for name, value in request.query_params.multi_items():
        if name.lower() == "extensions":
            wanted.update(part.strip().lstrip(".").lower() for part in value.split(","))
    wanted.discard("")
    if any("\x00" in extension for extension in wanted):
        message = "extensions must not contain NUL characters."
        raise DineroError(ErrorCode.INVALID_FORMAT, message, 400, {"extensions": message})
    for kind in ALLOWED_TYPES:
        family = {kind.extension, *kind.aliases}
        if wanted & family:
            wanted |= family  # jpg finds c.jpeg too
    return frozenset(wanted)


def _file_status(query: QueryParameters) -> str:
    raw = query.text("fileStatus")
    if raw is None:
        return "All"
    for status in FILE_STATUSES:
        if status.lower() == raw.lower():
            return status
    message = f"fileStatus must be one of All, Used or Unused, not '{raw}'."
    raise DineroError(ErrorCode.INVALID_FORMAT, message, 400, {"fileStatus": message})


def _wire_time(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds")


def read_model(row: StoredFile, links: list[Any]) -> dict[str, Any]:
    return {
        "FileGuid": row.guid,
        "Name": row.name,
        "Extension": row.extension,
        "Size": row.size,
        "UploadedAt": _wire_time(row.uploaded_at),
        "Note": None,
        "NumberOfPages": None,
        "Linked": [
            {
                "VoucherId": link.target_number or 0,
                "VoucherGuid": link.target_id,
                "LinkedAt": _wire_time(link.linked_at),
            }
            for link in links
        ],
        "UploadedBy": row.uploaded_by,
    }


LIST_PARAMETERS = [
    query_parameter(
        "extensions",
        {"type": "array", "items": {"type": "string"}},
        "Only files with these extensions, comma separated, e.g. pdf,png.",
    ),
    query_parameter(
        "uploadedBefore", {"type": "string"}, "Uploaded on or before this day, yyyy/MM/dd."
    ),
    query_parameter(
        "uploadedAfter", {"type": "string"}, "Uploaded on or after this day, yyyy/MM/dd."
    ),
    query_parameter(
        "fileStatus",
        {"type": "string", "enum": list(FILE_STATUSES), "default": "All"},
        "All, Used (attached to a voucher or ledger item) or Unused.",
    ),
    query_parameter("page", {"type": "integer", "format": "int32", "default": 0}, "0-based page."),
    query_parameter(
        "pageSize", {"type": "integer", "format": "int32", "default": 1000}, "At most 1000."
    ),
]


def file_query_from(request: Request) -> FileQuery:
    """The list's filters and paging from the query string; 400 naming any bad parameter."""
    query = QueryParameters(request)
    uploaded_after = _parse_day(query, "uploadedAfter")
    uploaded_before = _parse_day(query, "uploadedBefore")
    page_size = query.integer("pageSize")
    paging = make_paging(
        query.integer("page"), DEFAULT_FILES_PAGE_SIZE if page_size is None else page_size
    )
    file_query = FileQuery(
        extensions=_extensions(request),
        uploaded_from=uploaded_after,
        uploaded_until=None if uploaded_before is None else uploaded_before + timedelta(days=1),
        status=_file_status(query),
        offset=paging.offset,
        limit=paging.limit,
    )
    return file_query
