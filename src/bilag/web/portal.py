"""The developer portal's shell (Visma Connect's "My Applications"): pages under /developer/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.sessions import LiveSession
from bilag.web.security import services_of
from bilag.web.shell import framed_page, require_login
from bilag.web.templating import Texts, language_of


@dataclass(frozen=True)
class PortalContext:
    live: LiveSession
    language: str
    sandbox: bool

    @property
    def csrf_token(self) -> str:
        return self.live.csrf_token


async def portal_context(request: Request) -> PortalContext:
    """The logged-in developer; an anonymous visitor is sent to log in and back."""
    live = await require_login(request)
    sandbox = bool(getattr(services_of(request).settings, "sandbox", False))
    return PortalContext(live=live, language=language_of(request), sandbox=sandbox)


def portal_page(
    request: Request,
    ctx: PortalContext,
    template: str,
    *,
    texts: Texts,
    active: str,
    title: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """Render `portal/<template>` inside the portal's shell, with the security headers."""
    return framed_page(
        request,
        ctx,
        f"portal/{template}",
        texts=texts,
        active=active,
        title=title,
        status_code=status_code,
        headers=headers,
        **context,
    )
