"""`bilag app create`, `bilag app secret regenerate` and `bilag client revoke`."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from bilag.config import Settings
from bilag.identity.access import RevokedAccess, authenticate_bearer
from bilag.identity.applications import authenticate_client, get_application, scopes_of
from bilag.identity.keys import KeyStore
from bilag.identity.tokens import issue_access_token
from bilag.storage.db import Database
from bilag.storage.models import Application, Grant
from tests.cli.conftest import PEPPER, Bilag, fields_of

REDIRECT = "https://app.example.com/callback"


def applications(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(Application)) or 0


def test_create_prints_the_client_id_and_a_working_secret(bilag: Bilag, database: Database) -> None:
    bilag.ok("user", "create", "--email", "dev@example.com", "--name", "Dev", "--password", "x" * 8)
    result = bilag.ok("app", "create", "--name", "Kasse åbning", "--redirect-uri", REDIRECT,
                      "--owner", "dev@example.com")  # fmt: skip
    fields = fields_of(result.stdout)
    assert fields["client_id"] == "isv_kasse_aabning"
    assert "shown" not in fields["client_secret"]
    with database.read() as session:
        application = authenticate_client(
            session, fields["client_id"], fields["client_secret"], pepper=PEPPER
        )
        assert application is not None
        assert application.offline_access is True
        assert application.refresh_token_usage == "one_time"
        assert "dineropublicapi:write" in scopes_of(application)
        assert application.owner_user_id is not None


def test_create_with_options(bilag: Bilag, database: Database) -> None:
    bilag.ok("app", "create", "--name", "Read only", "--redirect-uri", REDIRECT,
             "--redirect-uri", "http://127.0.0.1:9000/cb", "--scope", "dineropublicapi:read",
             "--scope", "openid", "--no-offline", "--refresh-usage", "reuse")  # fmt: skip
    with database.read() as session:
        application = get_application(session, "isv_read_only")
        assert application is not None
        assert scopes_of(application) == {"dineropublicapi:read", "openid"}
        assert application.offline_access is False
        assert application.refresh_token_usage == "reuse"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--name", "No redirect"], "needs at least one --redirect-uri"),
        (["--name", "Plain http", "--redirect-uri", "http://example.com/cb"], "use https"),
        (["--name", "Fragment", "--redirect-uri", "https://example.com/cb#x"], "fragment"),
        (["--name", "Odd scope", "--redirect-uri", REDIRECT, "--scope", "admin"], "admin"),
        (["--name", "  ", "--redirect-uri", REDIRECT], "needs a name"),
        (["--name", "Kind", "--type", "desktop", "--redirect-uri", REDIRECT], "desktop"),
        (["--name", "Usage", "--redirect-uri", REDIRECT, "--refresh-usage", "twice"], "twice"),
        (
            ["--name", "Life", "--redirect-uri", REDIRECT, "--refresh-lifetime-days", "366"],
            "366",
        ),
        (["--name", "Owner", "--redirect-uri", REDIRECT, "--owner", "ghost@example.com"], "ghost"),
        (
            [
                "--name",
                "Off",
                "--redirect-uri",
                REDIRECT,
                "--no-offline",
                "--scope",
                "offline_access",
            ],
            "offline",
        ),  # fmt: skip
    ],
)
def test_create_refuses_bad_input_with_a_message(
    bilag: Bilag, database: Database, arguments: list[str], message: str
) -> None:
    result = bilag("app", "create", *arguments)
    assert result.exit_code != 0
    assert message in result.output
    assert applications(database) == 0


def test_create_refuses_a_name_that_is_taken(bilag: Bilag, database: Database) -> None:
    bilag.ok("app", "create", "--name", "Twice", "--redirect-uri", REDIRECT)
    assert "already exists" in bilag.fails("app", "create", "--name", "Twice",
                                           "--redirect-uri", REDIRECT).output  # fmt: skip
    assert applications(database) == 1


def test_a_service_application_is_created_with_a_warning_about_dinero_scopes(
    bilag: Bilag,
) -> None:
    plain = bilag.ok("app", "create", "--name", "Backend", "--type", "service")
    assert fields_of(plain.stdout)["scopes"] == "(none)"
    asking = bilag.ok("app", "create", "--name", "Asks", "--type", "service",
                      "--scope", "dineropublicapi:read")  # fmt: skip
    assert "accepts only web applications" in asking.stderr


def test_regenerating_the_secret_makes_the_old_one_fail(bilag: Bilag, database: Database) -> None:
    first = fields_of(bilag.ok("app", "create", "--name", "Rotate", "--redirect-uri",
                               REDIRECT).stdout)  # fmt: skip
    second = fields_of(
        bilag.ok("app", "secret", "regenerate", "--client-id", first["client_id"]).stdout
    )
    assert second["client_secret"] != first["client_secret"]
    with database.read() as session:
        assert authenticate_client(
            session, first["client_id"], first["client_secret"], pepper=PEPPER
        ) is None  # fmt: skip
        assert authenticate_client(
            session, first["client_id"], second["client_secret"], pepper=PEPPER
        )


def test_regenerate_refuses_unknown_clients(bilag: Bilag) -> None:
    output = bilag.fails("app", "secret", "regenerate", "--client-id", "isv_nobody").output
    assert "isv_nobody" in output


def live_token(database: Database, settings: Settings, client_id: str) -> tuple[KeyStore, str]:
    keys = KeyStore(database, rotation_days=90, token_lifetime=3600)
    grant_id = str(uuid.uuid4())
    with database.write() as session:
        application = get_application(session, client_id)
        assert application is not None
        session.add(Grant(id=grant_id, application_id=application.id, scopes="read write"))
    token, _ = issue_access_token(
        keys, settings, grant_id=grant_id, client_id=client_id, scopes=["read"], subject=None
    )
    return keys, token


def test_revoking_a_client_stops_its_tokens(bilag: Bilag, database: Database) -> None:
    client_id = fields_of(bilag.ok("app", "create", "--name", "Noisy", "--redirect-uri",
                                   REDIRECT).stdout)["client_id"]  # fmt: skip
    settings = Settings.from_env(env={}, database_url=database.url)
    keys, token = live_token(database, settings, client_id)
    assert authenticate_bearer(database, keys, settings, token).client_id == client_id

    result = bilag.ok("client", "revoke", "--client-id", client_id, "--reason", "hammering 401s")
    assert "hammering 401s" in result.output
    with pytest.raises(RevokedAccess):
        authenticate_bearer(database, keys, settings, token)
    with database.read() as session:
        application = get_application(session, client_id)
        assert application is not None and application.revoke_reason == "hammering 401s"

    again = bilag.ok("client", "revoke", "--client-id", client_id, "--reason", "other")
    assert "already revoked" in again.output
    with database.read() as session:
        assert get_application(session, client_id).revoke_reason == "hammering 401s"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "arguments",
    [["--client-id", "isv_nobody", "--reason", "x"], ["--client-id", "isv_x", "--reason", " "]],
)
def test_revoke_refuses_bad_input(bilag: Bilag, arguments: list[str]) -> None:
    bilag.fails("client", "revoke", *arguments)
