"""API traffic against the live server for the portal's page tests: access tokens minted as the
token endpoint would (tests.api.conftest.Minter, on the server's database and keys)."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from tests.api.conftest import READ_WRITE, Minter
from tests.web.conftest import Site


def minter_for(site: Site) -> Minter:
    settings = Settings.from_env(env={}, database_url=site.database.url, base_url=site.base_url)
    keys = KeyStore(
        site.database,
        rotation_days=settings.key_rotation_days,
        token_lifetime=settings.access_token_lifetime,
    )
    return Minter(site.database, keys, settings, site.world)


def bearer(site: Site, **options: object) -> dict[str, str]:
    return minter_for(site).headers(scopes=READ_WRITE, **options)


def until(check: Callable[[], bool], nudge: Callable[[], object], seconds: float = 30) -> None:
    """Wait for the server's usage flush (every second, after an API call) to show up."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the figures never showed up"
        time.sleep(0.3)
        nudge()


def api(site: Site) -> httpx.Client:
    return httpx.Client(base_url=site.base_url, timeout=30)
