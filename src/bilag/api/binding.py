"""Request binding the way Dinero (ASP.NET) does it, with clear errors where it would fail.

Query parameter names and JSON property names match case-insensitively; unknown and read-only
properties are ignored; booleans in queries read `true`/`false` in any case. A value of the wrong
type, a missing required property or a too-long string is a 400 with code 42 whose
`validationErrors` names each property at fault. Every string is checked for NUL characters,
which no database column can hold.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import orjson
from starlette.requests import Request

from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.ledger.money import parse_kroner

MAX_JSON_BYTES = 1024 * 1024
INT32_MAX = 2**31 - 1


class QueryParameters:
    """The query string with case-insensitive names; the last of repeated names wins."""

    def __init__(self, request: Request) -> None:
        self._values = {name.lower(): value for name, value in request.query_params.multi_items()}

    def raw(self, name: str) -> str | None:
        """The value as sent, or None when absent or blank; for parsers that check it all."""
        value = self._values.get(name.lower())
        return None if value is None or value.strip() == "" else value

    def text(self, name: str) -> str | None:
        """The value without surrounding blanks, or None when absent or blank."""
        value = self.raw(name)
        if value is None:
            return None
        if "\x00" in value:
            message = f"{name} must not contain NUL characters."
            raise DineroError(ErrorCode.INVALID_FORMAT, message, validation_errors={name: message})
        return value.strip()

    def boolean(self, name: str) -> bool | None:
        value = self.text(name)
        if value is None:
            return None
        folded = value.lower()
        if folded not in ("true", "false"):
            message = f"{name} must be true or false, not '{value}'."
            raise DineroError(ErrorCode.INVALID_FORMAT, message, validation_errors={name: message})
        return folded == "true"

    def integer(self, name: str) -> int | None:
        value = self.text(name)
        if value is None:
            return None
        digits = value[1:] if value[:1] in "+-" else value
        if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
            message = f"{name} must be a whole number, not '{value}'."
            raise DineroError(ErrorCode.INVALID_FORMAT, message, validation_errors={name: message})
        return int(value)


@dataclass(frozen=True)
class JsonBody:
    """A request body read up to a limit; `object()` parses it, after the caller is known."""

    raw: bytes
    limit: int
    too_large: bool = False

    def object(self) -> dict[str, Any]:
        """The body as one JSON object; 413 past the limit, 400 when it is not a JSON object."""
        if self.too_large:
            message = (
                f"The request body is too large; a JSON body may be at most {self.limit} bytes."
            )
            raise DineroError(ErrorCode.LIMIT_EXCEEDED, message, 413)
        if not self.raw.strip():
            raise validation_failure({"body": "A JSON object is required as the request body."})
        try:
            value = orjson.loads(self.raw)
        except orjson.JSONDecodeError as problem:
            raise validation_failure({"body": f"The body is not valid JSON: {problem}"}) from None
        if not isinstance(value, dict):
            raise validation_failure({"body": "The body must be a JSON object."})
        return value


async def read_json_body(request: Request) -> JsonBody:
    """FastAPI dependency: the body, read no further than MAX_JSON_BYTES."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_JSON_BYTES:
        return JsonBody(b"", MAX_JSON_BYTES, too_large=True)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_JSON_BYTES:
            return JsonBody(b"", MAX_JSON_BYTES, too_large=True)
        chunks.append(chunk)
    return JsonBody(b"".join(chunks), MAX_JSON_BYTES)


Kind = Literal["text", "bool", "int", "guid", "number"]


@dataclass(frozen=True)
class Prop:
    """One writable property of a request model, by its wire name."""

    name: str
    kind: Kind = "text"
    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()  # canonical spellings, matched case-insensitively
    minimum: int | None = None
    maximum: int | None = None


def bind_object(body: Mapping[str, Any], props: Sequence[Prop]) -> dict[str, Any]:
    """The declared properties, by wire name, converted; everything else in `body` is ignored."""
    by_name = {key.lower(): value for key, value in body.items() if isinstance(key, str)}
    bound: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for prop in props:
        raw = by_name.get(prop.name.lower())
        if raw is None:
            if prop.required:
                problems[prop.name] = f"{prop.name} is required."
            bound[prop.name] = None
            continue
        try:
            bound[prop.name] = _convert(prop, raw)
        except ValueError as problem:
            problems[prop.name] = f"{prop.name} {problem}."
    if problems:
        raise validation_failure(problems)
    return bound


def bind_element(
    raw: Any, props: Sequence[Prop], where: str, problems: dict[str, str]
) -> dict[str, Any] | None:
    """One element of an array property (`where`, e.g. "Lines[2]"), bound like `bind_object`;
    None with its problems recorded under `where` when it can't be."""
    if not isinstance(raw, dict):
        problems[where] = f"{where} must be an object."
        return None
    try:
        return bind_object(raw, props)
    except DineroError as failure:
        for name, message in failure.validation_errors.items():
            problems[f"{where}.{name}"] = f"{where}.{message}"
        return None


def bind_amount(raw: Mapping[str, Any], where: str, problems: dict[str, str]) -> Decimal | None:
    """The element's required `Amount` in kroner; None with the problem recorded if it can't."""
    value = next((v for k, v in raw.items() if isinstance(k, str) and k.lower() == "amount"), None)
    if value is None:
        problems[f"{where}.Amount"] = f"{where}.Amount is required."
        return None
    try:
        return parse_kroner(value)
    except ValueError as problem:
        problems[f"{where}.Amount"] = f"{where}.Amount {problem}."
        return None


def _convert(prop: Prop, raw: Any) -> Any:
    if prop.kind == "bool":
        return _to_bool(raw)
    if prop.kind == "int":
        return _to_int(raw, prop.minimum)
    if prop.kind == "number":
        amount = _to_number(raw, prop.minimum)
        if prop.maximum is not None and amount > prop.maximum:
            raise ValueError(f"must be at most {prop.maximum}")
        return amount
    text = _to_text(raw)
    if prop.kind == "guid":
        return _to_guid(text)
    if prop.required and not text.strip():
        raise ValueError("must not be empty")
    if prop.max_length is not None and len(text) > prop.max_length:
        raise ValueError(f"must be at most {prop.max_length} characters")
    if prop.choices:
        if not text.strip() and not prop.required:
            return None
        return _to_choice(text, prop.choices)
    return text


def _to_text(raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise ValueError(f"must be a string, not {_json_type(raw)}")
    text = raw if isinstance(raw, str) else str(raw)
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


def _to_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    raise ValueError(f"must be true or false, not {_json_type(raw)}")


def _to_int(raw: Any, minimum: int | None) -> int:
    if isinstance(raw, bool):
        raise ValueError("must be a whole number, not a boolean")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str):
        text = raw.strip()
        digits = text[1:] if text[:1] in ("+", "-") else text
        if digits.isascii() and digits.isdigit() and len(digits) <= 12:
            raw = int(text)
    if not isinstance(raw, int):
        raise ValueError(f"must be a whole number, not {_json_type(raw)}")
    if not -INT32_MAX - 1 <= raw <= INT32_MAX or (minimum is not None and raw < minimum):
        low = -INT32_MAX - 1 if minimum is None else minimum
        raise ValueError(f"must be between {low} and {INT32_MAX}")
    return raw


def _to_number(raw: Any, minimum: int | None) -> Decimal:
    if isinstance(raw, str) and not raw.strip():
        raise ValueError("must be a number, not an empty string")
    amount = parse_kroner(raw)
    if minimum is not None and amount < minimum:
        raise ValueError(f"must be at least {minimum}")
    return amount


def _to_guid(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise ValueError("must be a GUID such as 5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11") from None


def _to_choice(text: str, choices: tuple[str, ...]) -> str:
    for choice in choices:
        if choice.lower() == text.strip().lower():
            return choice
    raise ValueError(f"must be one of {', '.join(choices)}, not '{text}'")


def _json_type(raw: Any) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "a boolean"
    if isinstance(raw, int | float):
        return "a number"
    if isinstance(raw, str):
        return f"'{raw}'"
    return "an array" if isinstance(raw, list) else "an object"
