"""The request as it was received, for the Debugger, with every secret taken out.

Kept: the method, the path, the query, the headers and the body's first bytes. Taken out:
cookies (dropped), the credentials of `Authorization` (only the scheme and a short prefix stay),
and the values of secret parameters (`client_secret`, `password`, `refresh_token`, `code`,
`code_verifier`, tokens and API keys) in the query and in form or JSON bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

BODY_PREFIX_BYTES = 2048
REDACTED = "[redacted]"
SECRET_PARAMETERS = (
    "client_secret",
    "password",
    "refresh_token",
    "code",
    "code_verifier",
    "access_token",
    "id_token",
    "id_token_hint",
    "api_key",
    "apikey",
    "token",
)
_DROPPED_HEADERS = frozenset({"cookie", "set-cookie"})
_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization"})
_SECRET_HEADER = re.compile(r"(secret|token|api-?key|password)", re.IGNORECASE)
_MAX_HEADERS = 40
_MAX_HEADER_VALUE = 300
_MAX_QUERY = 2000
_CREDENTIAL_PREFIX = 6

_NAMES = "|".join(SECRET_PARAMETERS)
_FORM_SECRET = re.compile(rf"(^|[&;?])((?:{_NAMES})=)[^&;]*", re.IGNORECASE)
_JSON_SECRET = re.compile(rf'("(?:{_NAMES})"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}}\s]+)', re.IGNORECASE)


def redact_parameters(text: str) -> str:
    """Form-encoded or query text with the values of secret parameters replaced."""
    return _FORM_SECRET.sub(lambda match: match.group(1) + match.group(2) + REDACTED, text)


def redact_json(text: str) -> str:
    return _JSON_SECRET.sub(lambda match: match.group(1) + f'"{REDACTED}"', text)


def redact_credentials(value: str) -> str:
    """`Bearer eyJhbG…`: the scheme and a short prefix of the credentials, no more."""
    scheme, _, credentials = value.strip().partition(" ")
    credentials = credentials.strip()
    if not credentials:
        return f"{scheme[:_CREDENTIAL_PREFIX]}…" if len(scheme) > _CREDENTIAL_PREFIX else scheme
    shown = credentials[:_CREDENTIAL_PREFIX]
    return f"{scheme} {shown}…" if len(credentials) > _CREDENTIAL_PREFIX else f"{scheme} {REDACTED}"


def redact_headers(headers: Iterable[tuple[str, str]]) -> list[list[str]]:
    kept: list[list[str]] = []
    for name, value in headers:
        lowered = name.lower()
        if lowered in _DROPPED_HEADERS:
            continue
        if lowered in _CREDENTIAL_HEADERS:
            value = redact_credentials(value)
        elif _SECRET_HEADER.search(lowered):
            value = REDACTED
        kept.append([name[:100], _clip(value, _MAX_HEADER_VALUE)])
        if len(kept) >= _MAX_HEADERS:
            break
    return kept


def redact_body(body: bytes, content_type: str) -> str:
    """The body's first bytes as text, secrets replaced; binary bodies are described only."""
    prefix = body[:BODY_PREFIX_BYTES]
    text = prefix.decode("utf-8", errors="replace").replace("\x00", "\ufffd")
    if "\ufffd" in text and "multipart" not in content_type:
        return f"({len(body)} bytes, not text)"
    redacted = redact_json(text) if "json" in content_type else redact_parameters(text)
    if "json" not in content_type:
        redacted = redact_json(redacted)  # JSON sent under another content type
    return redacted + ("…" if len(body) > BODY_PREFIX_BYTES else "")


def request_snapshot(
    method: str,
    path: str,
    query: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    body_length: int | None = None,
) -> dict[str, Any]:
    """The stored shape of "the request as it was received"."""
    header_list = list(headers)
    content_type = next((v for n, v in header_list if n.lower() == "content-type"), "").lower()
    return {
        "method": method[:10],
        "path": _clip(path, 500),
        "query": _clip(redact_parameters(query), _MAX_QUERY),
        "headers": redact_headers(header_list),
        "body": redact_body(body, content_type) if body else "",
        "body_length": len(body) if body_length is None else body_length,
    }


def _clip(value: str, limit: int) -> str:
    value = value.replace("\x00", "\ufffd")
    return value if len(value) <= limit else value[: limit - 1] + "…"
