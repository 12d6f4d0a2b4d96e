"""`bilag user create`, `bilag org create`, `bilag member add` and `bilag apikey create`."""

from __future__ import annotations

import click

from bilag.cli._shell import CliError, echo_fields, load_settings, open_database
from bilag.identity.organizations import add_member, create_api_key, create_organization, is_member
from bilag.identity.users import create_user, get_user_by_email
from bilag.storage.models import Organization

ORGANIZATION_ID = click.IntRange(1, 2**31 - 1)


@click.group()
def user() -> None:
    """People who log in."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 8 characters; asked for when left out.",
)
def create_user_command(email: str, name: str, password: str) -> None:
    """Create a user who can log in and authorize applications."""
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        created = create_user(session, email=email, name=name, password=password)
        fields = {"email": created.email, "name": created.name, "sub": created.sub}
    echo_fields(**fields)


@click.group()
def org() -> None:
    """Organizations (Dinero's firmaID)."""


@org.command("create")
@click.option("--name", required=True)
@click.option("--pro/--no-pro", default=True, show_default=True, help="Pro is needed for the API.")
def create_org_command(name: str, pro: bool) -> None:
    """Create an organization; add people with `bilag member add`."""
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        organization = create_organization(session, name=name, is_pro=pro)
        fields = {"id": organization.id, "name": organization.name, "is_pro": organization.is_pro}
    echo_fields(**fields)


@click.group()
def member() -> None:
    """Who belongs to which organization."""


@member.command("add")
@click.option("--email", required=True, help="The user's e-mail.")
@click.option(
    "--org", "organization_id", required=True, type=ORGANIZATION_ID, help="The organization id."
)
def add_member_command(email: str, organization_id: int) -> None:
    """Let a user reach an organization."""
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        person = get_user_by_email(session, email)
        if person is None:
            raise CliError(f"no user has the e-mail {email}")
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise CliError(f"there is no organization {organization_id}")
        already = is_member(session, person.id, organization.id)
        if not already:
            add_member(session, user=person, organization=organization)
        outcome = "is already" if already else "is now"
        message = f"{person.email} {outcome} a member of {organization.id} ({organization.name})."
    click.echo(message)


@click.group()
def apikey() -> None:
    """Organization API keys for the legacy password grant."""


@apikey.command("create")
@click.option(
    "--org", "organization_id", required=True, type=ORGANIZATION_ID, help="The organization id."
)
@click.option("--name", default="API key", show_default=True, help="A label for the key.")
def create_api_key_command(organization_id: int, name: str) -> None:
    """Create an API key for an organization; it is shown only this once."""
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise CliError(f"there is no organization {organization_id}")
        key = create_api_key(
            session, organization=organization, pepper=settings.secret_pepper, name=name
        )
    echo_fields(organization=organization_id, api_key=key)
    click.echo("Store the key now: bilag keeps only its digest and cannot show it again.", err=True)
