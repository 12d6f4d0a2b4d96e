"""The web app's own client: its bookings are a user's, it is held to neither the rate limit
nor Pro, and logging out revokes its access."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.app import create_app
from bilag.config import Settings
from bilag.identity.first_party import (
    WEB_CLIENT_ID,
    revoke_session_grants,
    web_access_token,
    web_application,
)
from bilag.identity.sessions import LiveSession, get_live_session, start_session
from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from tests.factories import make_world

PEPPER = "bilag-dev-pepper"
TRANSFER = {
    "VoucherDate": date.today().isoformat(),
    "Lines": [
        {
            "AccountNumber": 55010,
            "BalancingAccountNumber": 55000,
            "Amount": 100,
            "AccountVatCode": "none",
            "BalancingAccountVatCode": "none",
        }
    ],
}


@pytest.fixture
def limited(database_url: str, tmp_path: Any) -> Any:
    """The app with a rate limit of 2 a minute, Alice's world and her browser session."""
    settings = Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        rate_limit_per_minute=2,
    )
    app = create_app(settings)
    database: Database = app.state.services.database
    world = make_world(database, pepper=PEPPER)
    with database.write() as session:
        user = get_user_by_email(session, world.alice_email)
        assert user is not None
        handle = start_session(session, user.id)
    with database.read() as session:
        live = get_live_session(session, handle)
    assert live is not None
    with TestClient(app, base_url="http://testserver") as client:
        yield app, client, world, live


def _token(app: Any, live: LiveSession) -> str:
    services = app.state.services
    return web_access_token(services.database, services.keys, services.settings, live)


def test_the_web_app_is_made_once(limited: Any) -> None:
    app, _client, _world, live = limited
    _token(app, live)
    _token(app, live)
    with app.state.services.database.read() as session:
        application = web_application(session, app.state.services.settings)
        assert application.client_id == WEB_CLIENT_ID and application.owner_user_id is None


def test_a_web_booking_is_a_users_and_ignores_the_rate_limit(limited: Any) -> None:
    app, client, world, live = limited
    headers = {"Authorization": f"Bearer {_token(app, live)}"}
    url = f"/v1/{world.pro_org}/vouchers/manuel"
    for _ in range(3):  # more than the limit of 2
        draft = client.post(url, json=TRANSFER, headers=headers)
        assert draft.status_code == 200, draft.text
    created = draft.json()
    booked = client.post(
        f"{url}/{created['Guid']}/book", json={"Timestamp": created["Timestamp"]}, headers=headers
    )
    assert booked.status_code == 200, booked.text
    read = client.get(f"{url}/{created['Guid']}", headers=headers).json()
    assert read["BookedByType"] == "User"


def test_the_web_app_works_without_pro(limited: Any) -> None:
    app, client, world, live = limited
    headers = {"Authorization": f"Bearer {_token(app, live)}"}
    answer = client.get(f"/v1/{world.free_org}/accounts/entry", headers=headers)
    assert answer.status_code == 200, answer.text


def test_the_web_app_still_cannot_reach_another_organization(limited: Any) -> None:
    app, client, world, live = limited
    headers = {"Authorization": f"Bearer {_token(app, live)}"}
    answer = client.get(f"/v1/{world.other_org}/accounts/entry", headers=headers)
    assert answer.status_code == 401


def test_logging_out_revokes_the_web_apps_access(limited: Any) -> None:
    app, client, world, live = limited
    headers = {"Authorization": f"Bearer {_token(app, live)}"}
    with app.state.services.database.write() as session:
        revoke_session_grants(session, live.sid)
    answer = client.get(f"/v1/{world.pro_org}/accounts/entry", headers=headers)
    assert answer.status_code == 401
