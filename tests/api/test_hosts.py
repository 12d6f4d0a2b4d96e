"""The API answers under Dinero's and Visma's host names, behind a TLS-terminating proxy."""

from __future__ import annotations

import httpx
import pytest

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.storage.db import Database
from tests.api.conftest import Minter
from tests.factories import make_world


@pytest.mark.parametrize("host", ["api.dinero.dk", "authz.dinero.dk", "connect.visma.com"])
def test_dinero_and_visma_host_names_reach_the_api(
    live_server: str, database_url: str, host: str
) -> None:
    settings = Settings.from_env(env={}, database_url=database_url, base_url=live_server)
    database = Database(database_url)
    keys = KeyStore(database, rotation_days=90, token_lifetime=3600)
    world = make_world(database, pepper=settings.secret_pepper)
    authorization = Minter(database, keys, settings, world).headers()
    proxied = {"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    with httpx.Client(base_url=live_server, timeout=30) as client:
        listing = client.get("/v1/organizations", headers={**proxied, **authorization})
        assert listing.status_code == 200
        assert [row["id"] for row in listing.json()] == [world.pro_org, world.free_org]
        contacts = client.get(
            f"/v1/{world.pro_org}/contacts/", headers={**proxied, **authorization}
        )
        assert contacts.status_code == 200
        assert contacts.json()["Pagination"]["Result"] == 0
        refused = client.get(f"/v1/{world.pro_org}/contacts", headers=proxied)
        assert refused.status_code == 401
        assert refused.json()["code"] == 41
    database.dispose()
