"""Mounts every Dinero resource router, the API's error handlers and its front-door middleware."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI

from bilag.api import contacts, organizations
from bilag.api.errors import install_error_handlers
from bilag.api.middleware import FrontDoorMiddleware
from bilag.api.state import ApiState, build_api_state


def install(app: FastAPI) -> None:
    """Add the Dinero API routes and handlers to the app."""
    state = build_api_state(app.state.services)
    app.state.api = state
    for module in (organizations, contacts):
        app.include_router(module.router)
    install_error_handlers(app)
    app.add_middleware(FrontDoorMiddleware, recorder=state.usage)
    _flush_usage_on_shutdown(app, state)


def _flush_usage_on_shutdown(app: FastAPI, state: ApiState) -> None:
    original = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running_app: Any) -> AsyncIterator[Any]:
        async with original(running_app) as lifespan_state:
            try:
                yield lifespan_state
            finally:
                await anyio.to_thread.run_sync(state.usage.flush)
                if state.redis is not None:
                    state.redis.close()

    app.router.lifespan_context = lifespan
