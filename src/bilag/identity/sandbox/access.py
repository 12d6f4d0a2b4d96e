"""Who may use the sandbox controls over HTTP: a user, by e-mail and password (HTTP Basic).

Wrong passwords count toward the login form's throttle, so the controls are no faster way to
guess one. Resetting an organization takes a member of it; arming or clearing faults for a
client takes the owner of that application, or any user for an application nobody owns (such as
the web app's own client, so that a test can make the web app meet a 429).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from sqlalchemy import select

from bilag.identity.login_throttle import login_blocked, record_failed_login
from bilag.identity.organizations import is_member
from bilag.identity.sandbox.errors import (
    SandboxForbidden,
    SandboxNotFound,
    SandboxThrottled,
    SandboxUnauthorized,
)
from bilag.identity.users import authenticate_user
from bilag.storage.db import Database
from bilag.storage.models import Application, Organization

BASIC_CHALLENGE = 'Basic realm="bilag sandbox", charset="UTF-8"'
MAX_CREDENTIALS = 2048


@dataclass(frozen=True)
class SandboxUser:
    user_id: int
    email: str


def basic_credentials(authorization: str | None) -> tuple[str, str]:
    """(e-mail, password) from an `Authorization: Basic` header; 401 naming what is wrong."""
    scheme, _, encoded = (authorization or "").strip().partition(" ")
    if scheme.lower() != "basic":
        raise SandboxUnauthorized(
            "the sandbox controls need HTTP Basic authentication with a user's e-mail and password"
        )
    if len(encoded) > MAX_CREDENTIALS:
        raise SandboxUnauthorized("the Basic authorization header is too long")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise SandboxUnauthorized(
            "the Basic authorization header is not valid Base64 of UTF-8"
        ) from None
    email, colon, password = decoded.partition(":")
    if not colon or not email.strip() or not password:
        raise SandboxUnauthorized("the Basic authorization header must hold e-mail:password")
    return email.strip(), password


def authenticate(database: Database, authorization: str | None, address: str) -> SandboxUser:
    email, password = basic_credentials(authorization)
    with database.read() as session:
        if login_blocked(session, email, address):
            raise SandboxThrottled(
                "too many wrong passwords from this address; wait a while and try again"
            )
        user = authenticate_user(session, email, password)
    if user is None:
        with database.write() as session:
            record_failed_login(session, email, address)
        raise SandboxUnauthorized("wrong e-mail or password")
    return SandboxUser(user.id, user.email)


def require_member(database: Database, user: SandboxUser, organization_id: int) -> None:
    with database.read() as session:
        if session.get(Organization, organization_id) is None:
            raise SandboxNotFound(f"there is no organization {organization_id}")
        if not is_member(session, user.user_id, organization_id):
            raise SandboxForbidden(
                f"{user.email} is not a member of organization {organization_id}"
            )


def require_known_client(database: Database, client_id: str) -> int | None:
    """The owner's user id of the application with this client id; 404 if there is none."""
    with database.read() as session:
        owner = session.execute(
            select(Application.owner_user_id).where(Application.client_id == client_id)
        ).first()
    if owner is None:
        raise SandboxNotFound(f"no application has the client id {client_id!r}")
    owner_id: int | None = owner[0]
    return owner_id


def require_owned_client(database: Database, user: SandboxUser, client_id: str) -> None:
    """The user may fault this client: it is theirs, or nobody's."""
    if require_known_client(database, client_id) not in (user.user_id, None):
        raise SandboxForbidden(f"{user.email} does not own the application {client_id!r}")


def faultable_applications(database: Database, user: SandboxUser) -> list[tuple[str, str]]:
    """(client id, name) of the applications the user may fault: their own, then nobody's."""
    owner = Application.owner_user_id
    with database.read() as session:
        rows = session.execute(
            select(Application.client_id, Application.name)
            .where((owner == user.user_id) | owner.is_(None), Application.revoked_at.is_(None))
            .order_by(owner.is_(None), Application.name)
        )
        return [(client_id, name) for client_id, name in rows]


def owned_client_ids(database: Database, user: SandboxUser) -> list[str]:
    return [client_id for client_id, _name in faultable_applications(database, user)]
