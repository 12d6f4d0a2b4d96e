"""The developer portal's usage page: /developer/applications/{client_id}/usage (owner only).

A server-rendered SVG chart per organization of the application's calls per hour, stacked by
status class, with a table as its text alternative; the rate-limit budget used now for each
organization called lately (read with the limiter's `peek`, which adds no hit); and a warning
when 400/401/403 answers pile up (thresholds in `usage_chart`). Anyone but the owner gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.identity.applications import get_application
from bilag.identity.usage_figures import hourly_counts
from bilag.storage.models import utcnow
from bilag.web.portal import portal_context, portal_page
from bilag.web.security import PageError, services_of
from bilag.web.usage_chart import (
    STATUS_ORDER,
    OrganizationChart,
    PileUp,
    chart_hours,
    organization_charts,
    pile_up,
    recent_organizations,
)
from bilag.web.usage_texts import USAGE_TEXTS

router = APIRouter(include_in_schema=False)


class RateWindowPeek(Protocol):
    """What the page needs of the API's rate limiter (`api.limits`), which web cannot import."""

    limit: int

    def peek(self, key: str, now_ms: int | None = None) -> int: ...


@dataclass(frozen=True)
class Budget:
    organization_id: int
    used: int
    limit: int


@dataclass(frozen=True)
class UsageView:
    name: str
    client_id: str
    charts: list[OrganizationChart]
    budgets: list[Budget]
    pile_up: PileUp


@router.get("/developer/applications/{client_id}/usage")
async def usage_page(request: Request, client_id: str) -> Response:
    ctx = await portal_context(request)
    view = await run_in_threadpool(_usage, request, ctx.live.user_id, client_id)
    texts = USAGE_TEXTS[ctx.language]
    return portal_page(
        request,
        ctx,
        "usage.html",
        texts=USAGE_TEXTS,
        active="applications",
        title=f"{texts['title']}: {view.name}",
        view=view,
        statuses=STATUS_ORDER,
    )


def _usage(request: Request, user_id: int, client_id: str) -> UsageView:
    services = services_of(request)
    with services.database.read() as session:
        application = get_application(session, client_id) if len(client_id) <= 120 else None
        if application is None or application.owner_user_id != user_id:
            raise PageError(404, "You have no application with this Client ID.", title="Not found")
        name = application.name
    now = utcnow()
    hours = chart_hours(now)
    counts = hourly_counts(
        services.database,
        client_id,
        hours[0],
        redis_url=services.settings.redis_url,
        until=hours[-1] + timedelta(hours=1),
    )
    return UsageView(
        name=name,
        client_id=client_id,
        charts=organization_charts(counts, hours),
        budgets=_budgets(request, client_id, recent_organizations(counts, now)),
        pile_up=pile_up(counts, now),
    )


def _budgets(request: Request, client_id: str, organizations: list[int]) -> list[Budget]:
    limiter: RateWindowPeek | None = getattr(
        getattr(request.app.state, "api", None), "limiter", None
    )
    if limiter is None:
        return []
    budgets = []
    for organization_id in organizations:
        used = limiter.peek(f"{organization_id}:{client_id}")  # api.limits.rate_key's format
        if used:
            budgets.append(Budget(organization_id, used, limiter.limit))
    return budgets
