"""`bilag keys rotate` starts a new signing key and keeps the old one published."""

from __future__ import annotations

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.identity.tokens import issue_access_token, verify_access_token
from bilag.storage.db import Database
from tests.cli.conftest import Bilag, fields_of


def test_rotate_publishes_both_keys_and_old_tokens_still_verify(
    bilag: Bilag, database: Database
) -> None:
    settings = Settings.from_env(env={}, database_url=bilag.database_url)
    store = KeyStore(database, rotation_days=90, token_lifetime=3600)
    old_token, _ = issue_access_token(
        store, settings, grant_id="g", client_id="isv_x", scopes=["read"], subject=None
    )
    old_kid = store.signing_key().kid

    printed = fields_of(bilag.ok("keys", "rotate").output)

    new_kid = printed["signing"]
    assert new_kid != old_kid
    fresh = KeyStore(database, rotation_days=90, token_lifetime=3600)
    assert fresh.signing_key().kid == new_kid
    assert {k["kid"] for k in fresh.jwks()["keys"]} == {old_kid, new_kid}
    assert set(printed["published"].split(", ")) == {old_kid, new_kid}
    assert verify_access_token(fresh, settings, old_token).client_id == "isv_x"
