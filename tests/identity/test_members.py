"""Members of an organization and its Pro switch, as the settings pages change them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bilag.identity.context import Services
from bilag.identity.members import (
    MembershipProblem,
    add_member_by_email,
    members_of,
    remove_member,
    set_pro,
)
from bilag.identity.organizations import is_member
from bilag.identity.users import get_user_by_email
from bilag.storage.models import IdentityEvent, Organization
from tests.factories import World


def test_add_an_existing_user_by_email_then_remove_them(services: Services, world: World) -> None:
    with services.database.write() as session:
        added = add_member_by_email(session, world.pro_org, "  BOB@example.com ")
        assert added.email == world.bob_email
    with services.database.read() as session:
        emails = [m.email for m in members_of(session, world.pro_org)]
    assert emails == [world.alice_email, world.bob_email]
    with services.database.write() as session:
        remove_member(session, world.pro_org, added.user_id)
        assert not is_member(session, added.user_id, world.pro_org)
        kinds = session.scalars(select(IdentityEvent.kind)).all()
    assert {"member_added", "member_removed"} <= set(kinds)


@pytest.mark.parametrize(
    ("email", "problem", "reason"),
    [
        ("", "e-mail address", "email_missing"),
        ("nobody@example.com", "login first", "no_such_user"),
        ("alice@example.com", "already", "already_member"),
    ],
)
def test_adding_refuses_unknown_users_and_members(
    services: Services, world: World, email: str, problem: str, reason: str
) -> None:
    with services.database.write() as session:
        with pytest.raises(MembershipProblem, match=problem) as refused:
            add_member_by_email(session, world.pro_org, email)
        assert refused.value.reason == reason
    with services.database.read() as session:
        assert len(members_of(session, world.pro_org)) == 1


def test_the_last_member_stays(services: Services, world: World) -> None:
    with services.database.write() as session:
        alice = get_user_by_email(session, world.alice_email)
        bob = get_user_by_email(session, world.bob_email)
        assert alice is not None and bob is not None
        with pytest.raises(MembershipProblem, match="last user") as last:
            remove_member(session, world.pro_org, alice.id)
        with pytest.raises(MembershipProblem, match="no access") as stranger:
            remove_member(session, world.pro_org, bob.id)
    assert (last.value.reason, stranger.value.reason) == ("last_member", "not_member")
    with services.database.read() as session:
        assert [m.email for m in members_of(session, world.pro_org)] == [world.alice_email]


def test_pro_turns_on_and_off(services: Services, world: World) -> None:
    with services.database.write() as session:
        set_pro(session, world.pro_org, enabled=False)
    with services.database.read() as session:
        organization = session.get(Organization, world.pro_org)
        assert organization is not None
        assert (organization.is_pro, organization.is_paying_pro) == (False, False)
    with services.database.write() as session:
        set_pro(session, world.pro_org, enabled=True)
        with pytest.raises(LookupError):
            set_pro(session, 1, enabled=True)
    with services.database.read() as session:
        organization = session.get(Organization, world.pro_org)
        assert organization is not None and organization.is_pro
