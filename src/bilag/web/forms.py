"""Reading query strings and url-encoded forms strictly: bounded size and field count, UTF-8
only, no NUL, and every value of a repeated name kept so that callers can refuse duplicates."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request

from bilag.web.security import PageError

MAX_QUERY_BYTES = 16 * 1024
MAX_FORM_BYTES = 64 * 1024
MAX_FIELDS = 100
FORM_TYPE = "application/x-www-form-urlencoded"

Fields = dict[str, list[str]]


def parse_fields(raw: bytes) -> Fields:
    """Decode `a=1&b=2` into {name: [values]}; a 400 `PageError` names what is wrong."""
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as exc:
        raise PageError(400, "Parameters must be percent-encoded.") from exc
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as exc:
        raise PageError(400, "Parameters must be UTF-8 once percent-decoded.") from exc
    except ValueError as exc:
        raise PageError(400, f"Too many parameters: at most {MAX_FIELDS}.") from exc
    fields: Fields = {}
    for name, value in pairs:
        if "\x00" in name or "\x00" in value:
            raise PageError(400, "Parameters must not contain NUL characters.")
        fields.setdefault(name, []).append(value)
    return fields


def read_query(request: Request) -> Fields:
    raw: bytes = request.scope.get("query_string", b"")
    if len(raw) > MAX_QUERY_BYTES:
        raise PageError(414, f"The query string is longer than {MAX_QUERY_BYTES} bytes.")
    return parse_fields(raw)


async def read_form(request: Request) -> Fields:
    """The url-encoded body of a POST, read no further than `MAX_FORM_BYTES`."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM_TYPE:
        raise PageError(415, f"Forms must be sent as {FORM_TYPE}.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        raise PageError(413, f"The form is larger than {MAX_FORM_BYTES} bytes.")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_FORM_BYTES:
            raise PageError(413, f"The form is larger than {MAX_FORM_BYTES} bytes.")
    return parse_fields(bytes(body))


def first(fields: Fields, name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def single(fields: Fields, name: str, *, max_length: int = 1000) -> str | None:
    """The one value of `name` (None when absent); a repeated or overlong value is a 400."""
    values = fields.get(name) or []
    if len(values) > 1:
        raise PageError(400, f"{name} was sent {len(values)} times; send it once.")
    if values and len(values[0]) > max_length:
        raise PageError(400, f"{name} is longer than {max_length} characters.")
    return values[0] if values else None


def encode_fields(fields: dict[str, str]) -> str:
    return urlencode(fields)
