"""Mounts every Dinero resource router, the API's error handlers and its front-door middleware."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from bilag.api import contact_notes, contacts, countries, organizations, sales_settings, webhooks
from bilag.api.accounting_years import router as accounting_years_router
from bilag.api.accounts import router as accounts_router
from bilag.api.attachments import router as attachments_router
from bilag.api.bench_baseline import router as bench_baseline_router
from bilag.api.einvoices import router as einvoices_router
from bilag.api.entries import router as entries_router
from bilag.api.errors import install_error_handlers
from bilag.api.files import router as files_router
from bilag.api.idempotency import IdempotencyMiddleware
from bilag.api.invoices import router as invoices_router
from bilag.api.ledger_item_booker import install_booker
from bilag.api.ledger_items import router as ledger_items_router
from bilag.api.mail_delivery import install_mail_delivery
from bilag.api.manual_vouchers import router as manual_vouchers_router
from bilag.api.middleware import FrontDoorMiddleware
from bilag.api.products import router as products_router
from bilag.api.public_documents import router as public_documents_router
from bilag.api.purchase_credit_notes import router as purchase_credit_notes_router
from bilag.api.purchase_payments import router as purchase_payments_router
from bilag.api.purchase_voucher_tools import router as purchase_voucher_tools_router
from bilag.api.purchase_vouchers import router as purchase_vouchers_router
from bilag.api.refusal_log import flush_refusal_counts
from bilag.api.reminder_sends import router as reminder_sends_router
from bilag.api.reminders import router as reminders_router
from bilag.api.reports import router as reports_router
from bilag.api.sales_credit_notes import router as sales_credit_notes_router
from bilag.api.sales_listing import router as sales_listing_router
from bilag.api.sales_payments import router as sales_payments_router
from bilag.api.sending import mail_attachments, mail_link
from bilag.api.sending import router as sending_router
from bilag.api.state import ApiState, build_api_state
from bilag.api.state_of_account import router as state_of_account_router
from bilag.api.state_of_account_sends import router as state_of_account_sends_router
from bilag.api.trade_offers import router as trade_offers_router
from bilag.api.usage import UsageRecorder
from bilag.api.vat_types import router as vat_types_router

logger = logging.getLogger("bilag.api")


ROUTERS: tuple[APIRouter, ...] = (
    organizations.router,
    contacts.router,
    contact_notes.router,
    countries.router,
    sales_settings.router,
    webhooks.router,
    products_router,
    files_router,
    accounts_router,
    vat_types_router,
    accounting_years_router,
    manual_vouchers_router,
    purchase_voucher_tools_router,
    purchase_credit_notes_router,
    purchase_vouchers_router,
    purchase_payments_router,
    ledger_items_router,
    reminders_router,
    reminder_sends_router,
    sales_listing_router,
    invoices_router,
    sales_credit_notes_router,
    sales_payments_router,
    sending_router,
    einvoices_router,
    public_documents_router,
    trade_offers_router,
    attachments_router,
    state_of_account_router,
    state_of_account_sends_router,
    entries_router,
    reports_router,
)  # in matching order: a fixed path such as /purchase/fetch before /purchase/{guid}


def install(app: FastAPI) -> None:
    """Add the Dinero API routes and handlers to the app."""
    state = build_api_state(app.state.services)
    app.state.api = state
    routers = list(ROUTERS)
    if app.state.services.settings.bench_endpoints:
        routers.append(bench_baseline_router)
    for router in routers:
        app.router.routes.extend(router.routes)  # built once per process; see docs/decisions.md
    install_error_handlers(app)
    app.add_middleware(IdempotencyMiddleware)  # inside the front door: tidy paths, counted
    app.add_middleware(
        FrontDoorMiddleware, recorder=state.usage, route_segments=_route_segments(routers)
    )
    _keep_usage_flushed(app, state)
    webhooks.install_worker(app)
    install_booker(app)
    install_mail_delivery(app, mail_link(app.state.services), mail_attachments(app.state.services))


def _keep_usage_flushed(app: FastAPI, state: ApiState) -> None:
    """Flush the usage counts every `flush_seconds` while the app runs, and once when it stops."""
    original = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running_app: Any) -> AsyncIterator[Any]:
        async with original(running_app) as lifespan_state:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(_flush_periodically, state.usage)
                try:
                    yield lifespan_state
                finally:
                    tasks.cancel_scope.cancel()
            await anyio.to_thread.run_sync(state.usage.flush)
            await anyio.to_thread.run_sync(flush_refusal_counts, running_app, True)
            if state.redis is not None:
                state.redis.close()

    app.router.lifespan_context = lifespan


async def _flush_periodically(recorder: UsageRecorder) -> None:
    while True:
        await anyio.sleep(recorder.flush_seconds)
        if recorder.flush_due():
            try:
                await anyio.to_thread.run_sync(recorder.flush)
            except Exception:  # noqa: BLE001 - the counts stay pending and are tried again
                logger.exception("could not store usage counts; will retry")


def _route_segments(routers: list[APIRouter]) -> dict[str, str]:
    """Every fixed segment of the API's paths, keyed by its lowercase spelling."""
    return {
        segment.lower(): segment
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute) and route.path.startswith("/v")
        for segment in route.path.split("/")
        if segment and not segment.startswith("{")
    }
