"""The bookkeeping pages' shell: who is looking at which organization, in which language.

Every bookkeeping page lives under `/app/{organizationId}/...`. `org_context` sends an anonymous
visitor to the login page and back, and refuses (403) anyone who is not a member of the
organization, with the same page for one that does not exist, so that existence does not leak.
`app_page` renders a template of `templates/app/` inside the shell: the navigation, the
organization switcher and, bottom left, the organization's name, id and Pro status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.organizations import organizations_of
from bilag.identity.sessions import LiveSession
from bilag.web.forms import FORM_TYPE, Fields, read_form
from bilag.web.security import PageError, current_session, require_csrf, services_of
from bilag.web.shell_texts import SHELL_TEXTS
from bilag.web.templating import Texts, language_of, render

MAX_UPLOAD_BYTES = 25 * 1024 * 1024


class LoginRequired(Exception):
    """Raised by a page for an anonymous visitor; answered by a redirect to the login page."""

    def __init__(self, return_to: str) -> None:
        super().__init__(return_to)
        self.return_to = return_to


@dataclass(frozen=True)
class OrganizationChoice:
    id: int
    name: str
    is_pro: bool


@dataclass(frozen=True)
class OrgContext:
    live: LiveSession
    organization_id: int
    organization_name: str
    is_pro: bool
    organizations: tuple[OrganizationChoice, ...]
    language: str

    @property
    def csrf_token(self) -> str:
        return self.live.csrf_token


def here(request: Request) -> str:
    """The path and query of this request, to come back to after logging in."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def require_login(request: Request) -> LiveSession:
    live = await run_in_threadpool(current_session, request)
    if live is None:
        raise LoginRequired(here(request))
    return live


class OrganizationRefused(PageError):
    """A 403 page for an organization the user cannot reach, listing those they can."""

    def __init__(self, organization_id: object, choices: tuple[OrganizationChoice, ...]) -> None:
        super().__init__(
            403,
            f"You have no access to organization {organization_id}. Choose one of your own "
            "organizations, or ask its owner to add you as a user.",
            title="No access",
        )
        self.choices = choices


async def org_context(request: Request, organization_id: int | str) -> OrgContext:
    """The logged-in member's view of the organization; see the module docstring."""
    live = await require_login(request)
    choices = await run_in_threadpool(organizations_for, request, live.user_id)
    wanted = str(organization_id)
    current = next((choice for choice in choices if str(choice.id) == wanted), None)
    if current is None:
        raise OrganizationRefused(organization_id, choices)
    return OrgContext(
        live=live,
        organization_id=current.id,
        organization_name=current.name,
        is_pro=current.is_pro,
        organizations=choices,
        language=language_of(request),
    )


def organizations_for(request: Request, user_id: int) -> tuple[OrganizationChoice, ...]:
    with services_of(request).database.read() as session:
        return tuple(
            OrganizationChoice(org.id, org.name, org.is_pro)
            for org in organizations_of(session, user_id)
        )


def app_url(organization_id: int, *parts: object) -> str:
    return "/".join([f"/app/{organization_id}", *(str(part).strip("/") for part in parts)])


def app_page(
    request: Request,
    ctx: OrgContext,
    template: str,
    *,
    texts: Texts,
    active: str,
    title: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """Render `app/<template>` inside the shell, with the security headers."""
    return framed_page(
        request,
        ctx,
        f"app/{template}",
        texts=texts,
        active=active,
        title=title,
        status_code=status_code,
        headers=headers,
        org=ctx.organization_id,
        **context,
    )


def framed_page(
    request: Request,
    ctx: Any,  # an OrgContext or a PortalContext
    template: str,
    *,
    texts: Texts,
    active: str,
    title: str,
    status_code: int,
    headers: dict[str, str] | None,
    **context: Any,
) -> Response:
    """A page in one of the two frames (the books' shell, the portal): their shared context."""
    return render(
        template,
        language=ctx.language,
        texts=(SHELL_TEXTS, texts),
        status_code=status_code,
        headers=headers,
        ctx=ctx,
        csrf_token=ctx.csrf_token,
        active=active,
        title=title,
        here=here(request),
        **context,
    )


async def read_app_form(request: Request, ctx: OrgContext) -> Fields:
    """A url-encoded form of this organization's pages, its CSRF token checked."""
    fields = await read_form(request)
    require_csrf(ctx.live, fields)
    return fields


async def read_app_upload(
    request: Request, ctx: OrgContext, *, max_bytes: int = MAX_UPLOAD_BYTES
) -> tuple[Fields, dict[str, UploadFile]]:
    """A multipart form (fields and files) of at most `max_bytes`, its CSRF token checked."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == FORM_TYPE:
        return await read_app_form(request, ctx), {}
    if content_type != "multipart/form-data":
        raise PageError(415, "Forms with files must be sent as multipart/form-data.")
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        raise PageError(411, "The form must state its length (Content-Length).")
    if int(declared) > max_bytes:
        raise PageError(413, f"The form is larger than {max_bytes // (1024 * 1024)} MB.")
    try:
        form = await request.form(max_files=5, max_fields=200, max_part_size=64 * 1024)
    except Exception as problem:  # python-multipart's and Starlette's own parse errors
        raise PageError(400, f"The form could not be read: {problem}") from None
    fields: Fields = {}
    files: dict[str, UploadFile] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename:
                files[name] = value
        else:
            fields.setdefault(name, []).append(value)
    require_csrf(ctx.live, fields)
    return fields, files
