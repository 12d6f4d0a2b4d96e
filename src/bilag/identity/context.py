"""The shared services a request handler may need, and the dependency that fetches them."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.storage.db import Database


@dataclass(frozen=True)
class Services:
    settings: Settings
    database: Database
    keys: KeyStore


def get_services(connection: HTTPConnection) -> Services:
    """FastAPI dependency: the app's Services, stored on `app.state.services`."""
    services: Services = connection.app.state.services
    return services
