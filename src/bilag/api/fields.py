"""The `fields` query parameter: which properties a list returns, keyed as the caller spelled them.

`fields=name,ContactGuid` returns keys `name` and `ContactGuid`. Names match the endpoint's allowed
properties case-insensitively; empty entries are skipped; an empty or absent value means the
endpoint's default. Unknown names are a 400 (code 45) that lists them and the allowed ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bilag.api.errors import DineroError, ErrorCode

Selection = tuple[tuple[str, str], ...]  # (key as requested, canonical property name)


def select_fields(raw: str | None, *, default: str, allowed: Iterable[str]) -> Selection:
    canonical = {name.lower(): name for name in allowed}
    requested = [part.strip() for part in (raw or "").split(",") if part.strip()]
    if not requested:
        requested = [part.strip() for part in default.split(",")]
    unknown = [name for name in requested if name.lower() not in canonical]
    if unknown:
        names = ", ".join(f"'{name}'" for name in unknown)
        message = f"Unknown field(s) {names} in fields. Allowed: {', '.join(canonical.values())}."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"fields": message})
    return tuple((name, canonical[name.lower()]) for name in requested)


def project(values: Mapping[str, Any], selection: Selection) -> dict[str, Any]:
    return {key: values[name] for key, name in selection}


def project_all(rows: Sequence[Mapping[str, Any]], selection: Selection) -> list[dict[str, Any]]:
    return [project(row, selection) for row in rows]
