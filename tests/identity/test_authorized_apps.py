"""Authorized applications of an organization's users: listed per grant, revoked at once."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bilag.identity.access import RevokedAccess, authenticate_bearer
from bilag.identity.authorized_apps import (
    AuthorizedAppNotFound,
    authorized_apps_of,
    revoke_authorized_app,
)
from bilag.identity.context import Services
from bilag.identity.members import add_member_by_email
from tests.factories import REDIRECT_URI, World
from tests.identity.conftest import (
    add_application,
    basic,
    issue_code,
    post_refresh,
    tokens_for,
)


def test_members_grants_are_listed_with_app_user_scopes_and_use(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    assert post_refresh(client, world, tokens["refresh_token"]).status_code == 200
    with services.database.read() as session:
        listed = authorized_apps_of(session, world.pro_org)
        assert authorized_apps_of(session, world.other_org) == []
    assert len(listed) == 1
    app = listed[0]
    assert (app.application_name, app.client_id) == ("Test Integration", world.client_id)
    assert (app.user_name, app.user_email) == ("Alice Andersen", world.alice_email)
    assert "offline_access" in app.scopes and "dineropublicapi:write" in app.scopes
    assert app.last_used_at is not None and app.last_used_at >= app.created_at
    with services.database.read() as session:
        hidden = authorized_apps_of(session, world.pro_org, hidden_client_ids=[world.client_id])
    assert hidden == []


def test_a_new_members_grants_appear(client: TestClient, services: Services, world: World) -> None:
    tokens_for(client, services, world, email=world.bob_email)
    with services.database.read() as session:
        assert authorized_apps_of(session, world.pro_org) == []
    with services.database.write() as session:
        add_member_by_email(session, world.pro_org, world.bob_email)
    with services.database.read() as session:
        assert [a.user_email for a in authorized_apps_of(session, world.pro_org)] == [
            world.bob_email
        ]


def test_revoking_stops_the_access_and_refresh_tokens_at_once(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    with services.database.read() as session:
        (app,) = authorized_apps_of(session, world.pro_org)
    with services.database.write() as session:
        revoke_authorized_app(session, world.pro_org, app.grant_id)
    with pytest.raises(RevokedAccess):
        authenticate_bearer(
            services.database, services.keys, services.settings, tokens["access_token"]
        )
    refused = post_refresh(client, world, tokens["refresh_token"])
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    with services.database.read() as session:
        assert authorized_apps_of(session, world.pro_org) == []


def test_a_grant_outside_the_organization_cannot_be_revoked_from_it(
    client: TestClient, services: Services, world: World
) -> None:
    tokens_for(client, services, world, email=world.bob_email)
    with services.database.read() as session:
        (bobs,) = authorized_apps_of(session, world.other_org)
    with services.database.write() as session:
        for grant_id in (bobs.grant_id, "no-such-grant"):
            with pytest.raises(AuthorizedAppNotFound):
                revoke_authorized_app(session, world.pro_org, grant_id)
    with services.database.read() as session:
        assert len(authorized_apps_of(session, world.other_org)) == 1


def test_each_grant_of_each_app_is_listed(
    client: TestClient, services: Services, world: World
) -> None:
    tokens_for(client, services, world)
    tokens_for(client, services, world)
    client_id, secret = add_application(services, "Second App", owner_user_id=None)
    code = issue_code(services.database, services.settings, world, client_id=client_id)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    exchanged = client.post("/connect/token", data=form, headers=basic(client_id, secret))
    assert exchanged.status_code == 200, exchanged.text
    with services.database.read() as session:
        listed = authorized_apps_of(session, world.pro_org)
    assert sorted(a.application_name for a in listed) == [
        "Second App",
        "Test Integration",
        "Test Integration",
    ]
    assert len({a.grant_id for a in listed}) == 3
