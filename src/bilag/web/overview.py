"""The organization's front page (Forside): what waits to be booked, and where to go next."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.overview import Overview, overview_of
from bilag.web.security import services_of
from bilag.web.shell import app_page, org_context
from bilag.web.templating import Texts

router = APIRouter(include_in_schema=False)

TEXTS: Texts = {
    "da": {
        "title": "Forside",
        "unbooked_ledger_lines": "Ikke-bogførte linjer i kassekladden",
        "draft_purchases": "Købsbilag i kladde",
        "draft_sales": "Fakturaer og kreditnotaer i kladde",
        "open": "Åbn",
    },
    "en": {
        "title": "Front page",
        "unbooked_ledger_lines": "Unbooked lines in the ledger (kassekladde)",
        "draft_purchases": "Purchase vouchers in draft",
        "draft_sales": "Invoices and credit notes in draft",
        "open": "Open",
    },
}


@router.get("/app/{organization_id}/overview")
async def overview_page(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    figures = await run_in_threadpool(_overview, request, ctx.organization_id)
    return app_page(
        request,
        ctx,
        "overview.html",
        texts=TEXTS,
        active="overview",
        title=TEXTS[ctx.language]["title"],
        figures=figures,
    )


def _overview(request: Request, organization_id: int) -> Overview:
    with services_of(request).database.read() as session:
        return overview_of(session, organization_id)
