"""Users log in with an Argon2id-hashed password; organizations are reached by membership or by
an API key that is stored only as a peppered digest."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bilag.identity.organizations import (
    add_member,
    create_api_key,
    create_organization,
    is_member,
    organization_for_api_key,
    organizations_of,
)
from bilag.identity.users import UserExists, authenticate_user, create_user
from bilag.storage.db import Database
from bilag.storage.models import ApiKey, User


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    handle = Database(database_url)
    yield handle
    handle.dispose()


def test_passwords_are_argon2_hashed_and_checked(database: Database) -> None:
    with database.write() as session:
        create_user(session, email="Mette@Example.dk", name="Mette", password="lang adgangskode")
    with database.read() as session:
        user = session.scalars(select(User)).one()
        assert user.email == "mette@example.dk"
        assert user.password_hash.startswith("$argon2id$")
        assert "lang adgangskode" not in user.password_hash
    with database.write() as session:
        assert authenticate_user(session, "METTE@example.dk", "lang adgangskode") is not None
        assert authenticate_user(session, "mette@example.dk", "forkert adgangskode") is None
        assert authenticate_user(session, "nobody@example.dk", "lang adgangskode") is None


def test_bad_users_are_refused(database: Database) -> None:
    with database.write() as session:
        create_user(session, email="a@example.dk", name="A", password="12345678")
        with pytest.raises(UserExists):
            create_user(session, email="A@EXAMPLE.DK", name="A again", password="12345678")
        with pytest.raises(ValueError):
            create_user(session, email="not-an-email", name="B", password="12345678")
        with pytest.raises(ValueError):
            create_user(session, email="b@example.dk", name="B", password="short")


def test_membership_and_api_keys(database: Database) -> None:
    with database.write() as session:
        user = create_user(session, email="u@example.dk", name="U", password="12345678")
        first = create_organization(session, name="Første ApS")
        second = create_organization(session, name="Anden ApS", is_pro=False)
        add_member(session, user=user, organization=first)
        add_member(session, user=user, organization=first)
        key = create_api_key(session, organization=second, pepper="p")
        user_id, first_id, second_id = user.id, first.id, second.id
    assert second_id == first_id + 1
    with database.read() as session:
        assert [o.id for o in organizations_of(session, user_id)] == [first_id]
        assert is_member(session, user_id, first_id) and not is_member(session, user_id, second_id)
        assert key not in session.scalars(select(ApiKey.key_hash)).all()
        found = organization_for_api_key(session, key, "p")
        assert found is not None and found.id == second_id
        assert organization_for_api_key(session, key, "other pepper") is None
        assert organization_for_api_key(session, key[:-1], "p") is None


def test_weak_hashes_are_noticed_for_rehashing(database: Database) -> None:
    from argon2 import PasswordHasher

    from bilag.identity.users import password_needs_rehash

    with database.write() as session:
        user = create_user(session, email="old@example.dk", name="Old", password="12345678")
        assert not password_needs_rehash(user)
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash("12345678")
    with database.read() as session:
        user = authenticate_user(session, "old@example.dk", "12345678")
        assert user is not None and password_needs_rehash(user)


def test_bilag_hashes_with_argon2s_recommended_costs(cheap_password_hashing: None) -> None:
    from argon2 import PasswordHasher, Type

    from bilag.identity import users

    production = users._DUMMY_HASH  # made at import, before the tests' cheaper hasher
    recommended = PasswordHasher()
    assert recommended.type is Type.ID
    params = production.split("$")[3]
    assert params == (
        f"m={recommended.memory_cost},t={recommended.time_cost},p={recommended.parallelism}"
    )
