"""The SDK's authorization against the real identity provider, in process."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from bilag.client import (
    ApiKeyCredentials,
    AsyncClient,
    AuthorizationRevoked,
    Client,
    FileTokenStore,
    NoAccessError,
    NotAuthorizedError,
    NotProError,
    OAuthApp,
    OAuthCredentials,
    TokenRequestError,
    login_in_browser,
)
from tests.client.conftest import ENDPOINTS, Bilag
from tests.functional.browser import authorize


def sync_client(bilag: Bilag, credentials: object) -> Client:
    return Client(credentials, transport=bilag.transport)


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


def no_grace_app(bilag: Bilag) -> OAuthApp:
    from bilag.identity.applications import create_application
    from tests.factories import REDIRECT_URI

    with bilag.app.state.services.database.write() as session:
        strict, secret = create_application(
            session,
            name=f"No grace {uuid.uuid4().hex[:8]}",
            pepper=bilag.settings.secret_pepper,
            redirect_uris=[REDIRECT_URI],
            refresh_grace_seconds=0,
        )
        return OAuthApp(strict.client_id, secret or "", REDIRECT_URI)


def test_a_copied_token_file_trips_replay_detection(bilag: Bilag, tmp_path: Path) -> None:
    """What the shared, locked store prevents: two copies refresh the same token."""
    app = no_grace_app(bilag)
    original = bilag.authorized_store(tmp_path / "a.json", app=app)
    copy = FileTokenStore(tmp_path / "b.json")
    copy.save(original.load())
    later = {"now": time.time() + 7200}
    first, second = (
        sync_client(
            bilag, OAuthCredentials(app, s, endpoints=ENDPOINTS, clock=lambda: later["now"])
        )
        for s in (original, copy)
    )
    assert len(first.organizations()) == 2
    with pytest.raises(AuthorizationRevoked, match="authorize this application again"):
        second.organizations()
    later["now"] += 7200
    with pytest.raises(AuthorizationRevoked):  # the whole grant is gone
        first.organizations()


def test_clients_sharing_a_token_file_never_trip_the_real_replay_detection(
    bilag: Bilag, tmp_path: Path
) -> None:
    """No grace period at all: presenting any used refresh token would revoke the grant."""
    app = no_grace_app(bilag)
    path = tmp_path / "tokens.json"
    bilag.authorized_store(path, app=app)
    expired = {"offset": 7200.0}  # every call finds the access token expired and refreshes
    failures: list[BaseException] = []
    done: list[int] = []

    def calls() -> None:
        credentials = OAuthCredentials(
            app, FileTokenStore(path), endpoints=ENDPOINTS,
            clock=lambda: time.time() + expired["offset"],
        )  # fmt: skip
        try:
            with Client(credentials, transport=bilag.transport) as client:
                done.extend(len(client.organizations()) for _ in range(8))
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=calls) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and done == [2] * 24


def test_logout_revokes_the_authorization_and_empties_the_store(
    bilag: Bilag, tmp_path: Path
) -> None:
    store = bilag.authorized_store(tmp_path / "tokens.json")
    tokens = store.load()
    assert tokens is not None and tokens.refresh_token
    client = sync_client(bilag, OAuthCredentials(bilag.oauth_app(), store, endpoints=ENDPOINTS))
    assert len(client.organizations()) == 2
    client.logout()
    assert store.load() is None and not (tmp_path / "tokens.json").exists()
    with pytest.raises(NotAuthorizedError, match="authorize first"):
        client.organizations()
    refreshed = httpx.Client(transport=bilag.transport).post(
        ENDPOINTS.token_url,
        data={"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}
        | {"client_id": bilag.world.client_id, "client_secret": bilag.world.client_secret},
    )
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
    reused = httpx.Client(transport=bilag.transport).get(
        ENDPOINTS.api_url + "/v1/organizations",
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert reused.status_code == 401  # the grant is gone, and its access tokens with it
    client.logout()  # nothing left to revoke: no request, no error


def test_an_async_logout_revokes_too(bilag: Bilag, tmp_path: Path) -> None:
    store = bilag.authorized_store(tmp_path / "tokens.json")
    tokens = store.load()
    assert tokens is not None
    credentials = OAuthCredentials(bilag.oauth_app(), store, endpoints=ENDPOINTS)

    async def log_out() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as client:
            await client.logout()

    asyncio.run(log_out())
    assert store.load() is None
    reused = httpx.Client(transport=bilag.transport).get(
        ENDPOINTS.api_url + "/v1/organizations",
        headers={"Authorization": f"Bearer {tokens.access_token}"},
    )
    assert reused.status_code == 401


def test_a_refused_revocation_keeps_the_tokens(bilag: Bilag, tmp_path: Path) -> None:
    store = bilag.authorized_store(tmp_path / "tokens.json")
    wrong = OAuthApp(bilag.world.client_id, "not-the-secret")
    client = sync_client(bilag, OAuthCredentials(wrong, store, endpoints=ENDPOINTS))
    with pytest.raises(TokenRequestError, match="invalid_client"):
        client.logout()
    assert store.load() is not None
