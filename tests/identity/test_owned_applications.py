"""A developer's own applications: listed and found only for the owner; redirect URIs edited."""

from __future__ import annotations

import pytest

from bilag.identity.applications import create_application, redirect_uris_of, regenerate_secret
from bilag.identity.context import Services
from bilag.identity.owned_applications import (
    applications_owned_by,
    get_owned_application,
    live_secret_of,
    redirect_uri_problems,
    set_redirect_uris,
)
from bilag.identity.users import get_user_by_email
from tests.factories import World


def _user_ids(services: Services, world: World) -> tuple[int, int]:
    with services.database.read() as session:
        alice = get_user_by_email(session, world.alice_email)
        bob = get_user_by_email(session, world.bob_email)
        assert alice is not None and bob is not None
        return alice.id, bob.id


def test_only_the_owner_lists_and_finds_an_application(services: Services, world: World) -> None:
    alice, bob = _user_ids(services, world)
    pepper = services.settings.secret_pepper
    with services.database.write() as session:
        create_application(
            session, name="Bob Sync", pepper=pepper, owner_user_id=bob, app_type="service"
        )
    with services.database.read() as session:
        assert [a.client_id for a in applications_owned_by(session, alice)] == [world.client_id]
        assert [a.name for a in applications_owned_by(session, bob)] == ["Bob Sync"]
        assert get_owned_application(session, alice, world.client_id) is not None
        assert get_owned_application(session, bob, world.client_id) is None
        assert get_owned_application(session, alice, "isv_bob_sync") is None
        assert get_owned_application(session, alice, "isv_nothing") is None


def test_the_live_secret_shows_only_its_hint(services: Services, world: World) -> None:
    alice, _ = _user_ids(services, world)
    pepper = services.settings.secret_pepper
    with services.database.write() as session:
        application = get_owned_application(session, alice, world.client_id)
        assert application is not None
        assert live_secret_of(session, application) == live_secret_of(session, application)
        before = live_secret_of(session, application)
        new = regenerate_secret(session, application, pepper=pepper)
        after = live_secret_of(session, application)
    assert before is not None and before.hint == world.client_secret[-4:]
    assert after is not None and after.hint == new[-4:]
    with services.database.write() as session:
        phone, secret = create_application(
            session, name="Phone", pepper=pepper, app_type="native", owner_user_id=alice,
            redirect_uris=["com.example.phone:/cb"],
        )  # fmt: skip
        assert secret is None and live_secret_of(session, phone) is None


def test_redirect_uris_are_replaced_after_checking_every_one(
    services: Services, world: World
) -> None:
    alice, _ = _user_ids(services, world)
    with services.database.write() as session:
        application = get_owned_application(session, alice, world.client_id)
        assert application is not None
        set_redirect_uris(session, application, ["https://a.example/cb", "https://b.example/cb"])
        with pytest.raises(ValueError, match="http://evil.example/cb"):
            set_redirect_uris(session, application, ["http://evil.example/cb"])
        assert redirect_uris_of(application) == ["https://a.example/cb", "https://b.example/cb"]


@pytest.mark.parametrize(
    ("uris", "app_type", "count"),
    [
        (["https://a.example/cb"], "web", 0),
        ([], "service", 0),
        ([], "web", 1),
        ([], "native", 1),
        (["https://a.example/cb", "https://a.example/cb"], "web", 1),
        (["ftp:", "http://x.example/", "javascript:alert(1)"], "web", 3),
        ([f"https://a.example/{n}" for n in range(21)], "web", 1),
    ],
)
def test_redirect_uri_problems_are_all_named(uris: list[str], app_type: str, count: int) -> None:
    assert len(redirect_uri_problems(uris, app_type=app_type)) == count
