"""create_app(settings): the one place that wires every layer together."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from bilag.api import routes as api_routes
from bilag.config import Settings
from bilag.identity import endpoints as identity_endpoints
from bilag.identity.context import Services
from bilag.identity.keys import KeyStore
from bilag.identity.sandbox.mode import install_sandbox
from bilag.storage.db import Database
from bilag.web import routes as web_routes


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    database = Database(settings.database_url)
    keys = KeyStore(
        database,
        rotation_days=settings.key_rotation_days,
        token_lifetime=settings.access_token_lifetime,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="bilag",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.services = Services(settings=settings, database=database, keys=keys)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    identity_endpoints.install(app)
    web_routes.install(app)
    api_routes.install(app)
    install_sandbox(app)  # last, so its clock middleware wraps every other one
    return app


def asgi() -> FastAPI:
    """The app factory uvicorn imports in each worker (`bilag.app:asgi`)."""
    return create_app(Settings.from_env())
