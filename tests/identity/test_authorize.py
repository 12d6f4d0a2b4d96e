"""The rules of an authorization request, each refusal and its record in the Debugger's log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bilag.identity.applications import create_application, get_application, revoke_client
from bilag.identity.authorize import (
    AuthorizationRequest,
    Refusal,
    check_authorization_request,
    refuse,
)
from bilag.identity.debugger import REASONS, failures_for_owner, get_failure, get_public_failure
from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from tests.factories import REDIRECT_URI, World, make_world

PEPPER = "test-pepper"
CHALLENGE = "E9Melhoe2OwvFrEMTJguCQaoSDhK4aQQ9VRI6nLl3kY"  # S256 of RFC 7636's verifier


@dataclass
class Setup:
    database: Database
    world: World
    alice_id: int
    bob_id: int


@pytest.fixture
def setup(database_url: str) -> Iterator[Setup]:
    database = Database(database_url)
    world = make_world(database, pepper=PEPPER, scopes=["dineropublicapi:read", "offline_access"])
    with database.write() as session:
        alice = get_user_by_email(session, world.alice_email)
        bob = get_user_by_email(session, world.bob_email)
        assert alice is not None and bob is not None
        ids = alice.id, bob.id
        for name, app_type in (("Service Thing", "service"), ("Phone App", "native")):
            create_application(
                session,
                name=name,
                pepper=PEPPER,
                app_type=app_type,
                redirect_uris=[REDIRECT_URI],
                client_id=f"isv_{app_type}",
                owner_user_id=alice.id,
            )
        create_application(
            session,
            name="Careful",
            pepper=PEPPER,
            redirect_uris=[REDIRECT_URI],
            client_id="isv_careful",
            offline_access=False,
            owner_user_id=alice.id,
        )
    yield Setup(database, world, *ids)
    database.dispose()


def request_for(world: World, **overrides: str | list[str] | None) -> dict[str, list[str]]:
    parameters: dict[str, str | list[str] | None] = {
        "client_id": world.client_id,
        "redirect_uri": world.redirect_uri,
        "response_type": "code",
        "scope": "dineropublicapi:read offline_access",
        "state": "s-1",
    }
    parameters.update(overrides)
    return {
        name: value if isinstance(value, list) else [value]
        for name, value in parameters.items()
        if value is not None
    }


def check(setup: Setup, parameters: dict[str, list[str]]) -> AuthorizationRequest | Refusal:
    with setup.database.read() as session:
        return check_authorization_request(session, parameters)


# (overrides, reason, may redirect to the client)
REFUSALS = [
    ({"client_id": None}, "missing_parameter", False),
    ({"client_id": ["isv_test_integration", "isv_other"]}, "duplicate_parameter", False),
    ({"client_id": "isv_nobody"}, "unknown_client", False),
    ({"redirect_uri": None}, "missing_parameter", False),
    ({"redirect_uri": REDIRECT_URI + "/"}, "redirect_uri_mismatch", False),
    ({"redirect_uri": REDIRECT_URI.upper()}, "redirect_uri_mismatch", False),
    ({"redirect_uri": REDIRECT_URI + "?x=1"}, "redirect_uri_mismatch", False),
    ({"redirect_uri": "https://evil.example.com/callback"}, "redirect_uri_mismatch", False),
    ({"response_type": None}, "missing_parameter", True),
    ({"response_type": "token"}, "unsupported_response_type", True),
    ({"response_type": "code id_token"}, "unsupported_response_type", True),
    ({"response_mode": "fragment"}, "unsupported_response_mode", True),
    ({"scope": None}, "missing_parameter", True),
    ({"scope": "dineropublicapi:read dineropublicapi:write"}, "scope_not_applied_for", True),
    ({"scope": "dineropublicapi:read admin"}, "scope_not_applied_for", True),
    ({"client_id": "isv_careful", "scope": "offline_access"}, "offline_access_disabled", True),
    ({"client_id": "isv_service"}, "wrong_application_type", True),
    (
        {"client_id": "isv_native", "code_challenge": CHALLENGE, "code_challenge_method": "S256"},
        "wrong_application_type",
        True,
    ),
    ({"client_id": "isv_native", "scope": "openid"}, "pkce_required", True),
    ({"code_challenge": CHALLENGE, "code_challenge_method": "plain"}, "invalid_pkce", True),
    ({"code_challenge": CHALLENGE}, "invalid_pkce", True),
    ({"code_challenge": "abc", "code_challenge_method": "S256"}, "invalid_pkce", True),
    ({"code_challenge": "a" * 129, "code_challenge_method": "S256"}, "invalid_pkce", True),
    (
        {"code_challenge": CHALLENGE[:-1] + "!", "code_challenge_method": "S256"},
        "invalid_pkce",
        True,
    ),
    ({"code_challenge_method": "S256"}, "invalid_pkce", True),
    ({"prompt": "none login"}, "invalid_prompt", True),
    ({"prompt": "sometimes"}, "invalid_prompt", True),
    ({"max_age": "-1"}, "invalid_max_age", True),
    ({"max_age": "soon"}, "invalid_max_age", True),
    ({"state": ["a", "b"]}, "duplicate_parameter", True),
    ({"nonce": ["a", "b"]}, "duplicate_parameter", True),
    ({"state": "x" * 2001}, "parameter_too_long", True),
    ({"request": "eyJhbGciOiJub25lIn0.e30."}, "request_not_supported", True),
    ({"request_uri": "https://app.example.com/req"}, "request_uri_not_supported", True),
]


@pytest.mark.parametrize(("overrides", "reason", "redirectable"), REFUSALS)
def test_each_refusal_is_recorded_with_its_reason(
    setup: Setup, overrides: dict[str, str | list[str] | None], reason: str, redirectable: bool
) -> None:
    parameters = request_for(setup.world, **overrides)
    verdict = check(setup, parameters)
    assert isinstance(verdict, Refusal)
    assert verdict.reason == reason
    assert (verdict.redirect is not None) is redirectable
    if redirectable:
        assert verdict.redirect is not None
        assert verdict.redirect.redirect_uri == REDIRECT_URI
        assert verdict.redirect.response_mode == "query"
    with setup.database.write() as session:
        error_id = refuse(session, verdict)
    with setup.database.read() as session:
        found = get_failure(session, error_id, setup.alice_id)  # Alice owns every application
        assert found is not None
        assert found.reason == reason
        assert found.error == REASONS[reason].error
        assert found.fix == REASONS[reason].fix
        assert found.description.startswith(REASONS[reason].cause)
        assert found.parameters == {
            k: [v[:499] + "…" if len(v) > 500 else v for v in values]
            for k, values in parameters.items()
        }


def test_unverified_redirect_is_never_offered_even_when_other_things_are_wrong(
    setup: Setup,
) -> None:
    verdict = check(
        setup,
        request_for(setup.world, redirect_uri="https://evil.example.com/", response_type="token"),
    )
    assert isinstance(verdict, Refusal)
    assert verdict.reason == "redirect_uri_mismatch"
    assert verdict.redirect is None


def test_a_revoked_client_is_refused_with_the_operators_reason(setup: Setup) -> None:
    with setup.database.write() as session:
        application = get_application(session, setup.world.client_id)
        assert application is not None
        revoke_client(session, application, "hammering the API with 401s")
    verdict = check(setup, request_for(setup.world))
    assert isinstance(verdict, Refusal)
    assert verdict.reason == "client_revoked"
    assert verdict.redirect is None
    assert "hammering the API with 401s" in verdict.description


def test_response_mode_decides_how_an_error_is_sent(setup: Setup) -> None:
    verdict = check(setup, request_for(setup.world, response_mode="form_post", scope="admin"))
    assert isinstance(verdict, Refusal) and verdict.redirect is not None
    assert verdict.redirect.response_mode == "form_post"
    assert verdict.redirect.state == "s-1"


def test_a_valid_request_keeps_every_parameter(setup: Setup) -> None:
    state = "ø/ +&=%20\"'<>" + "x" * 100
    verdict = check(
        setup,
        request_for(
            setup.world,
            state=state,
            nonce="n-0S6_WzA2Mj",
            response_mode="form_post",
            scope="offline_access dineropublicapi:read offline_access",
            code_challenge=CHALLENGE,
            code_challenge_method="S256",
            prompt="login consent",
            max_age="600",
            ui_locales="da-DK en",
        ),
    )
    assert isinstance(verdict, AuthorizationRequest)
    assert verdict.state == state
    assert verdict.nonce == "n-0S6_WzA2Mj"
    assert verdict.response_mode == "form_post"
    assert verdict.scopes == ("offline_access", "dineropublicapi:read")
    assert verdict.code_challenge == CHALLENGE and verdict.code_challenge_method == "S256"
    assert verdict.prompt == frozenset({"login", "consent"})
    assert verdict.requires_fresh_login
    assert verdict.max_age == 600
    assert verdict.ui_locales == ("da-DK", "en")
    assert verdict.redirect_uri == REDIRECT_URI
    assert verdict.application_name == "Test Integration"


def test_defaults_and_max_age_zero(setup: Setup) -> None:
    verdict = check(setup, request_for(setup.world, max_age="0"))
    assert isinstance(verdict, AuthorizationRequest)
    assert verdict.response_mode == "query"
    assert verdict.code_challenge is None and verdict.code_challenge_method is None
    assert verdict.prompt == frozenset()
    assert verdict.requires_fresh_login  # max_age=0 means prompt=login (OIDC Core §3.1.2.1)


def test_refusals_of_a_valid_request_redirect_and_are_recorded(setup: Setup) -> None:
    verdict = check(setup, request_for(setup.world, state="keep me"))
    assert isinstance(verdict, AuthorizationRequest)
    for reason in ("access_denied", "login_required", "consent_required"):
        refusal = verdict.refusal(reason)
        assert refusal.redirect is not None and refusal.redirect.state == "keep me"
        with setup.database.write() as session:
            error_id = refuse(session, refusal)
        with setup.database.read() as session:
            found = get_failure(session, error_id, setup.alice_id)
        assert found is not None and found.reason == reason and found.error == reason


def test_only_the_owner_sees_the_failures_of_an_application(setup: Setup) -> None:
    verdict = check(setup, request_for(setup.world, redirect_uri="https://x.example.com/cb"))
    assert isinstance(verdict, Refusal)
    with setup.database.write() as session:
        error_id = refuse(session, verdict)
    with setup.database.read() as session:
        assert [f.error_id for f in failures_for_owner(session, setup.alice_id)] == [error_id]
        assert failures_for_owner(session, setup.bob_id) == []
        assert get_failure(session, error_id, setup.bob_id) is None
        assert get_failure(session, "no-such-id", setup.alice_id) is None


def test_stored_parameters_are_bounded_and_free_of_nul(setup: Setup) -> None:
    verdict = check(setup, request_for(setup.world, client_id="isv_\x00" + "z" * 5000))
    assert isinstance(verdict, Refusal)
    with setup.database.write() as session:
        error_id = refuse(session, verdict)
    with setup.database.read() as session:
        found = get_failure(session, error_id, setup.alice_id)
    assert found is not None
    assert found.reason == "parameter_too_long"
    stored = found.parameters["client_id"][0]
    assert "\x00" not in stored and len(stored) == 500


def test_the_public_view_of_a_failure_hides_the_detail_unless_it_is_meant_for_users(
    setup: Setup,
) -> None:
    mismatch = check(setup, request_for(setup.world, redirect_uri="https://x.example.com/cb"))
    assert isinstance(mismatch, Refusal)
    with setup.database.write() as session:
        mismatch_id = refuse(session, mismatch)
        application = get_application(session, setup.world.client_id)
        assert application is not None
        revoke_client(session, application, "abuse")
    revoked = check(setup, request_for(setup.world))
    assert isinstance(revoked, Refusal)
    with setup.database.write() as session:
        revoked_id = refuse(session, revoked)
    with setup.database.read() as session:
        assert get_public_failure(session, mismatch_id) == (
            "invalid_request",
            REASONS["redirect_uri_mismatch"].cause,
        )
        public_revoked = get_public_failure(session, revoked_id)
        assert public_revoked is not None and "abuse" in public_revoked[1]
        assert get_public_failure(session, "unknown") is None
