"""Credentials of an application: "Generate new secret" shows the new secret once, on a page
that is never cached, and the old secret stops working at once (`regenerate_secret`)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.applications import regenerate_secret
from bilag.identity.owned_applications import get_owned_application
from bilag.web.applications import LIST_PATH, NO_STORE, not_found
from bilag.web.applications_texts import TEXTS
from bilag.web.forms import read_form
from bilag.web.portal import PortalContext, portal_context, portal_page
from bilag.web.security import PageError, require_csrf, services_of

router = APIRouter(include_in_schema=False)


@router.post(f"{LIST_PATH}/{{client_id}}/secret")
async def generate_secret(request: Request, client_id: str) -> Response:
    ctx = await portal_context(request)
    fields = await read_form(request)
    require_csrf(ctx.live, fields)
    secret = await run_in_threadpool(_regenerate, request, ctx, client_id)
    t = TEXTS[ctx.language]
    return portal_page(
        request, ctx, "applications/secret.html", texts=TEXTS, active="applications",
        title=t["secret_title"], headers=NO_STORE, client_id=client_id, secret=secret,
        notice=t["secret_once"],
    )  # fmt: skip


def _regenerate(request: Request, ctx: PortalContext, client_id: str) -> str:
    services = services_of(request)
    with services.database.write() as session:
        application = get_owned_application(session, ctx.live.user_id, client_id)
        if application is None:
            raise not_found(client_id)
        if application.app_type == "native":
            message = TEXTS[ctx.language]["native_no_secret"]
            raise PageError(409, message, title="Native applications have no secret")
        return regenerate_secret(session, application, pepper=services.settings.secret_pepper)
