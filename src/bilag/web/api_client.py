"""The web app's calls to the Dinero API: in-process, over ASGI, as the logged-in user.

Writes to the books go through here, so that a person in the web app and an integration are held
to exactly the same rules (see `bilag.identity.first_party`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from bilag.identity.first_party import web_access_token
from bilag.identity.sessions import LiveSession
from bilag.web.security import services_of

_TOKEN_MARGIN_SECONDS = 60
_MAX_CACHED_TOKENS = 1000
_tokens: dict[str, tuple[str, float]] = {}


@dataclass(frozen=True)
class ApiReply:
    status: int
    content: bytes
    headers: httpx.Headers = field(default_factory=httpx.Headers)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def json(self) -> Any:
        if not self.content:
            return None
        try:
            return orjson.loads(self.content)
        except orjson.JSONDecodeError:
            return None

    @property
    def problem(self) -> str:
        """What went wrong, in words: Dinero's message and every validation error."""
        if self.ok:
            return ""
        body = self.json
        if not isinstance(body, dict):
            text = self.content.decode("utf-8", "replace").strip()
            return text or f"The API answered {self.status}."
        parts = [str(body.get("message") or f"The API answered {self.status}.")]
        errors = body.get("validationErrors")
        if isinstance(errors, dict):
            parts.extend(f"{name}: {message}" for name, message in errors.items())
        return " ".join(parts)


def _token(request: Request, live: LiveSession) -> str:
    cached = _tokens.get(live.sid)
    if cached is not None and cached[1] > time.time():
        return cached[0]
    services = services_of(request)
    token = web_access_token(services.database, services.keys, services.settings, live)
    if len(_tokens) >= _MAX_CACHED_TOKENS:
        _tokens.clear()
    lifetime = services.settings.access_token_lifetime - _TOKEN_MARGIN_SECONDS
    _tokens[live.sid] = (token, time.time() + max(lifetime, 0))
    return token


async def call_api(
    request: Request,
    ctx: Any,
    method: str,
    path: str,
    *,
    json: Any = None,
    content: bytes | None = None,
    content_type: str | None = None,
    params: dict[str, str] | None = None,
    accept: str = "application/json",
) -> ApiReply:
    """Call the API at `path` as the user of `ctx` (an OrgContext or PortalContext)."""
    live: LiveSession = ctx.live
    token = await run_in_threadpool(_token, request, live)
    headers = {"Authorization": f"Bearer {token}", "Accept": accept}
    if content_type is not None:
        headers["Content-Type"] = content_type
    transport = httpx.ASGITransport(app=request.app)
    base_url = services_of(request).settings.base_url
    async with httpx.AsyncClient(transport=transport, base_url=base_url, timeout=60) as client:
        response = await client.request(
            method, path, json=json, content=content, params=params, headers=headers
        )
    return ApiReply(response.status_code, response.content, response.headers)
