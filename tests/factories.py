"""Test data made through the real services: users, organizations, applications."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilag.identity.applications import create_application
from bilag.identity.organizations import add_member, create_api_key, create_organization
from bilag.identity.users import create_user
from bilag.storage.db import Database

PASSWORD = "correct horse battery"
REDIRECT_URI = "https://app.example.com/callback"


@dataclass
class World:
    """Alice is in a Pro and a non-Pro organization; Bob owns one she cannot reach."""

    alice_email: str = "alice@example.com"
    bob_email: str = "bob@example.com"
    password: str = PASSWORD
    pro_org: int = 0
    free_org: int = 0
    other_org: int = 0
    client_id: str = ""
    client_secret: str = ""
    redirect_uri: str = REDIRECT_URI
    api_keys: dict[int, str] = field(default_factory=dict)


def make_world(database: Database, *, pepper: str, **app_options: object) -> World:
    world = World()
    with database.write() as session:
        alice = create_user(
            session, email=world.alice_email, name="Alice Andersen", password=PASSWORD
        )
        bob = create_user(session, email=world.bob_email, name="Bob Bertelsen", password=PASSWORD)
        pro = create_organization(session, name="Alice ApS", is_pro=True)
        free = create_organization(session, name="Alice Gratis", is_pro=False)
        other = create_organization(session, name="Bob A/S", is_pro=True)
        add_member(session, user=alice, organization=pro)
        add_member(session, user=alice, organization=free)
        add_member(session, user=bob, organization=other)
        options: dict[str, object] = {"redirect_uris": [REDIRECT_URI], "owner_user_id": alice.id}
        options.update(app_options)
        application, secret = create_application(
            session,
            name="Test Integration",
            pepper=pepper,
            **options,  # type: ignore[arg-type]
        )
        world.pro_org, world.free_org, world.other_org = pro.id, free.id, other.id
        world.client_id, world.client_secret = application.client_id, secret or ""
        for org in (pro, free, other):
            world.api_keys[org.id] = create_api_key(session, organization=org, pepper=pepper)
    return world
