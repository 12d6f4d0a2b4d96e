"""The SDK's authorization against the real identity provider, in process."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from bilag.client import (
    ApiKeyCredentials,
    AsyncClient,
    Client,
    FileTokenStore,
    NoAccessError,
    NotProError,
    OAuthCredentials,
    login_in_browser,
)
from tests.client.conftest import ENDPOINTS, Bilag
from tests.functional.browser import authorize


def sync_client(bilag: Bilag, credentials: object) -> Client:
    return Client(credentials, transport=bilag.transport)  # type: ignore[arg-type]


@pytest.mark.parametrize("response_mode", ["query", "form_post"])
def test_login_and_consent_give_the_organizations_with_is_pro(
    bilag: Bilag, tmp_path: Path, response_mode: str
) -> None:
    store = bilag.authorized_store(tmp_path / "tokens.json", response_mode)
    credentials = OAuthCredentials(bilag.oauth_app(), store, endpoints=ENDPOINTS)

    async def organizations() -> dict[int, bool]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as client:
            return {org.id: org.is_pro for org in await client.organizations()}

    world = bilag.world
    assert asyncio.run(organizations()) == {world.pro_org: True, world.free_org: False}


def test_other_organizations_and_missing_pro_are_explained(bilag: Bilag, tmp_path: Path) -> None:
    store = bilag.authorized_store(tmp_path / "tokens.json")
    client = sync_client(bilag, OAuthCredentials(bilag.oauth_app(), store, endpoints=ENDPOINTS))
    with pytest.raises(NoAccessError, match="another Visma profile"):
        list(client.books(bilag.world.other_org).contacts.list())
    with pytest.raises(NotProError, match="is_pro"):
        list(client.books(bilag.world.free_org).contacts.list())
    assert client.counters.errors_by_status == {401: 1, 403: 1}
    assert client.counters.errors_by_code == {41: 1, 90: 1}


def test_expired_tokens_are_refreshed_at_the_real_token_endpoint(
    bilag: Bilag, tmp_path: Path
) -> None:
    store = bilag.authorized_store(tmp_path / "tokens.json")
    first = store.load()
    assert first is not None and first.refresh_token
    later = {"now": time.time() + 7200}  # two hours on: the access token has expired
    credentials = OAuthCredentials(
        bilag.oauth_app(), store, endpoints=ENDPOINTS, clock=lambda: later["now"]
    )
    client = sync_client(bilag, credentials)
    assert len(client.organizations()) == 2
    second = store.load()
    assert second is not None and second.refresh_token != first.refresh_token
    later["now"] += 7200
    assert len(client.organizations()) == 2
    third = store.load()
    assert third is not None and third.refresh_token not in (
        first.refresh_token,
        second.refresh_token,
    )


def test_the_legacy_api_key_grant(bilag: Bilag) -> None:
    world = bilag.world
    credentials = ApiKeyCredentials(
        bilag.oauth_app(), world.api_keys[world.pro_org], endpoints=ENDPOINTS
    )
    client = sync_client(bilag, credentials)
    assert list(client.books(world.pro_org).contacts.list()) == []
    assert client.counters.calls == 1


def test_the_loopback_login_stores_the_tokens(bilag: Bilag, tmp_path: Path) -> None:
    app = bilag.oauth_app(bilag.loopback_uri)
    world = bilag.world

    def browser(url: str) -> None:
        """Alice in her browser: logs in, consents, and is sent back to the loopback server."""
        callback = authorize(
            bilag.browser,
            url,
            redirect_uri=app.redirect_uri,
            email=world.alice_email,
            password=world.password,
        )
        assert callback.form is not None  # form_post by default
        httpx.post(callback.url, data=callback.form).raise_for_status()

    store = FileTokenStore(tmp_path / "tokens.json")
    with httpx.Client(transport=bilag.transport) as http:
        tokens = login_in_browser(
            app, store, endpoints=ENDPOINTS, open_browser=browser, timeout=30, http=http
        )
    assert store.load() == tokens and tokens.refresh_token
    client = sync_client(bilag, OAuthCredentials(app, store, endpoints=ENDPOINTS))
    assert {org.id for org in client.organizations()} == {world.pro_org, world.free_org}
