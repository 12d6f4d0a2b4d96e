"""`/demo/callback`: the demo application's redirect URI. It shows what the identity provider
sent back (a code, or an error) and the token request that exchanges the code, so the tour in the
README works with nothing but a browser and curl."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from bilag.web.forms import Fields, read_form, read_query, single
from bilag.web.templating import page

router = APIRouter(include_in_schema=False)

SHOWN = ("code", "state", "scope", "iss", "error", "error_description", "error_id")


@router.get("/demo/callback")
def demo_callback_query(request: Request) -> Response:
    return _show(request, read_query(request))


@router.post("/demo/callback")
async def demo_callback_form_post(request: Request) -> Response:
    return _show(request, await read_form(request))


def _show(request: Request, fields: Fields) -> Response:
    received = {name: value for name in SHOWN if (value := single(fields, name)) is not None}
    redirect_uri = str(request.url.replace(query=""))
    token_url = str(request.url.replace(path="/connect/token", query=""))
    return page(
        "demo_callback.html",
        status_code=400 if "error" in received else 200,
        headers={"Cache-Control": "no-store"},
        received=received,
        redirect_uri=redirect_uri,
        token_url=token_url,
    )
