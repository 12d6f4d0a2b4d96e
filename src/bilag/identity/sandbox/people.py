"""Test users and test organizations, made through the same services as real ones."""

from __future__ import annotations

from dataclasses import dataclass

from bilag.identity.organizations import add_member, create_organization
from bilag.identity.sandbox.errors import SandboxConflict, SandboxInputError
from bilag.identity.users import UserExists, create_user, get_user_by_email
from bilag.storage.db import Database

MAX_PASSWORD = 1024
MAX_NAME = 200
MAX_EMAIL = 320


@dataclass(frozen=True)
class TestUser:
    email: str
    name: str
    sub: str

    def as_json(self) -> dict[str, object]:
        return {"email": self.email, "name": self.name, "sub": self.sub}


@dataclass(frozen=True)
class TestOrganization:
    id: int
    name: str
    is_pro: bool
    owner_email: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "pro": self.is_pro, "owner": self.owner_email}


def create_test_user(database: Database, *, email: str, name: str, password: str) -> TestUser:
    if len(email) > MAX_EMAIL:
        raise SandboxInputError(f"email must be at most {MAX_EMAIL} characters")
    if len(name) > MAX_NAME:
        raise SandboxInputError(f"name must be at most {MAX_NAME} characters")
    if len(password) > MAX_PASSWORD:
        raise SandboxInputError(f"password must be at most {MAX_PASSWORD} characters")
    with database.write() as session:
        try:
            user = create_user(session, email=email, name=name, password=password)
        except UserExists as exists:
            raise SandboxConflict(str(exists)) from None
        except ValueError as invalid:
            raise SandboxInputError(str(invalid)) from None
        return TestUser(user.email, user.name, user.sub)


def create_test_organization(
    database: Database, *, name: str, is_pro: bool, owner_email: str
) -> TestOrganization:
    """A new organization, seeded as every new one is, owned by the user with `owner_email`."""
    if not name.strip():
        raise SandboxInputError("name is required: an organization needs a name")
    if len(name) > MAX_NAME:
        raise SandboxInputError(f"name must be at most {MAX_NAME} characters")
    with database.write() as session:
        owner = get_user_by_email(session, owner_email)
        if owner is None:
            raise SandboxInputError(f"owner: no user has the e-mail {owner_email}")
        organization = create_organization(session, name=name, is_pro=is_pro)
        add_member(session, user=owner, organization=organization, role_key="Owner")
        return TestOrganization(organization.id, organization.name, is_pro, owner.email)
