"""`login` through the (scripted) browser or an API key, `orgs`, and the errors users meet."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.client_cli.conftest import BilagClient, Server

pytestmark = pytest.mark.slow

PRO, FREE, OTHER = "Demo Pro ApS", "Demo Gratis ApS", "Anden ApS"


@pytest.fixture
def cli(server: Server, tmp_path: Path) -> BilagClient:
    return BilagClient(server, tmp_path / "config" / "tokens.json")


def test_browser_login_stores_tokens_and_the_chosen_organization(
    cli: BilagClient, server: Server
) -> None:
    free = server.org(FREE)
    result = cli.ok(
        *cli.app_options(), "login", "--redirect-uri", server.redirect_uri, input=f"{free}\n"
    )
    assert cli.opened and cli.opened[0].startswith(f"{server.base_url}/connect/authorize?")
    assert "Default organization" in result.stderr
    tokens = json.loads(cli.token_file.read_text())
    assert tokens["refresh_token"] and tokens["access_token"]
    assert stat.S_IMODE(cli.token_file.stat().st_mode) == 0o600
    profile = json.loads((cli.token_file.parent / "tokens.profile.json").read_text())
    assert profile["organization"] == free and profile["base_url"] == server.base_url

    listed = cli.json("orgs")  # no options: the profile has them
    assert {(o["name"], o["is_pro"], o["default"]) for o in listed} == {
        (PRO, True, False),
        (FREE, False, True),
    }
    table = cli.ok("orgs").stdout
    assert PRO in table and FREE in table and "Pro" in table


def test_login_with_org_needs_no_prompt_and_json_keeps_stdout_clean(
    cli: BilagClient, server: Server
) -> None:
    pro = server.org(PRO)
    args = ("login", "--redirect-uri", server.redirect_uri, "--org", str(pro))
    listed = cli.json(*cli.app_options(), *args)
    assert [o["id"] for o in listed if o["default"]] == [pro]


def test_login_refuses_an_organization_the_user_cannot_reach(
    cli: BilagClient, server: Server
) -> None:
    other = server.org(OTHER)
    result = cli(
        *cli.app_options(), "login", "--redirect-uri", server.redirect_uri, "--org", str(other)
    )
    assert result.exit_code == 2
    assert f"organization {other} is not one you can reach" in result.stderr


def test_no_browser_prints_the_address_and_stores_nothing_without_a_callback(
    cli: BilagClient, server: Server
) -> None:
    args = ("login", "--redirect-uri", server.redirect_uri, "--no-browser", "--timeout", "0.5")
    result = cli(*cli.app_options(), *args)
    assert result.exit_code == 1 and not result.stdout
    assert f"{server.base_url}/connect/authorize?" in result.stderr
    assert "no callback within" in result.stderr and "nothing was stored" in result.stderr
    assert cli.opened == [] and not cli.token_file.exists()


def test_api_key_login_needs_no_browser(cli: BilagClient, server: Server) -> None:
    pro = server.org(PRO)
    listed = cli.json(*cli.app_options(), "login", "--api-key", server.api_key(PRO))
    assert listed == [{"id": pro, "name": PRO, "is_pro": True, "default": True}]
    assert cli.opened == []
    assert cli.json("contacts", "list") is not None  # the stored key is used


def test_a_wrong_api_key_is_a_clear_error(cli: BilagClient) -> None:
    result = cli.fails(*cli.app_options(), "login", "--api-key", "not-a-key")
    assert "the token endpoint refused the request" in result.stderr


def test_401_explains_the_two_causes(cli: BilagClient, server: Server) -> None:
    cli.ok(*cli.app_options(), "login", "--api-key", server.api_key(PRO))
    result = cli.fails("contacts", "list", "--org", str(server.org(OTHER)))
    assert "cannot reach organization" in result.stderr
    assert "another Visma profile" in result.stderr
    assert "bilag-client orgs" in result.stderr


def test_403_points_to_pro(cli: BilagClient, server: Server) -> None:
    free = server.org(FREE)
    cli.ok(*cli.app_options(), "login", "--api-key", server.api_key(FREE))
    result = cli.fails("contacts", "list", "--org", str(free))
    assert f"Organization {free} has no Pro subscription" in result.stderr


def test_commands_before_login_say_what_to_do(cli: BilagClient, server: Server) -> None:
    result = cli.fails(*cli.app_options(), "orgs")
    assert "authorize first" in result.stderr and "bilag-client login" in result.stderr
    missing = cli("orgs")
    assert missing.exit_code == 2 and "BILAG_CLIENT_ID" in missing.stderr


def test_a_revoked_refresh_token_asks_for_a_new_login(cli: BilagClient, server: Server) -> None:
    cli.ok(*cli.app_options(), "login", "--redirect-uri", server.redirect_uri, input="\n")
    tokens = json.loads(cli.token_file.read_text())
    tokens.update(access_token="expired", expires_at=0, refresh_token="not-a-refresh-token")
    cli.token_file.write_text(json.dumps(tokens))
    result = cli.fails("orgs")
    assert "authorize this application again" in result.stderr


def test_logout_revokes_the_login_and_keeps_the_profile(cli: BilagClient, server: Server) -> None:
    cli.ok(*cli.app_options(), "login", "--redirect-uri", server.redirect_uri, input="\n")
    tokens = json.loads(cli.token_file.read_text())
    result = cli.ok("logout")
    assert "the authorization is revoked" in result.stderr
    assert not cli.token_file.exists()
    profile = json.loads((cli.token_file.parent / "tokens.profile.json").read_text())
    assert profile["base_url"] == server.base_url and profile["client_id"]
    assert "authorize first" in cli.fails("orgs").stderr

    cli.token_file.write_text(json.dumps(tokens))  # a copy kept from before the logout
    assert "authorize this application again" in cli.fails("orgs").stderr
    cli.ok("logout")
    assert not cli.token_file.exists()
    assert "You were not logged in" in cli.ok("logout").stderr


def test_logout_forgets_a_saved_api_key(cli: BilagClient, server: Server) -> None:
    cli.ok(*cli.app_options(), "login", "--api-key", server.api_key(PRO))
    result = cli.ok("logout")
    assert "The API key is forgotten" in result.stderr
    profile = json.loads((cli.token_file.parent / "tokens.profile.json").read_text())
    assert profile["api_key"] is None
    assert "authorize first" in cli.fails("orgs").stderr
