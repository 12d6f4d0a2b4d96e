"""`bilag app create`, `bilag app secret regenerate` and `bilag client revoke`."""

from __future__ import annotations

import click

from bilag.cli._shell import CliError, echo_fields, load_settings, open_database
from bilag.identity.applications import (
    APP_TYPES,
    DEFAULT_SCOPES,
    DINERO_SCOPES,
    MAX_REFRESH_LIFETIME_DAYS,
    REFRESH_USAGES,
    create_application,
    get_application,
    regenerate_secret,
    revoke_client,
)
from bilag.identity.users import get_user_by_email

OFFLINE = "offline_access"
_DEFAULT_SCOPES_BY_TYPE = {"web": list(DEFAULT_SCOPES), "native": ["openid"], "service": []}
_SHOWN_ONCE = "Store the secret now: bilag keeps only its digest and cannot show it again."


def applied_scopes(app_type: str, scopes: tuple[str, ...], offline: bool | None) -> list[str]:
    """The scopes the application applies for, squared with its offline access switch."""
    explicit = [scope for value in scopes for scope in value.split()]
    wanted = explicit or list(_DEFAULT_SCOPES_BY_TYPE[app_type])
    offline = (OFFLINE in wanted) if offline is None else offline
    if offline and OFFLINE not in wanted:
        wanted.append(OFFLINE)
    if not offline and OFFLINE in wanted:
        if explicit:
            raise CliError("--scope offline_access needs offline access; drop --no-offline")
        wanted.remove(OFFLINE)
    return list(dict.fromkeys(wanted))


@click.group()
def app() -> None:
    """Applications (OAuth clients), as in Visma Connect's developer portal."""


@app.command("create")
@click.option("--name", required=True, help="Unique; the client id is made from it.")
@click.option("--type", "app_type", type=click.Choice(APP_TYPES), default="web", show_default=True)
@click.option("--redirect-uri", "redirect_uris", multiple=True, help="Repeat for several.")
@click.option("--scope", "scopes", multiple=True, help="Applied-for scope; repeat for several.")
@click.option("--offline/--no-offline", default=None, help="Offline access (refresh tokens).")
@click.option(
    "--refresh-usage", type=click.Choice(REFRESH_USAGES), default="one_time", show_default=True
)
@click.option(
    "--refresh-lifetime-days",
    type=click.IntRange(1, MAX_REFRESH_LIFETIME_DAYS),
    default=MAX_REFRESH_LIFETIME_DAYS,
    show_default=True,
)
@click.option("--owner", "owner_email", help="E-mail of the user who owns it (sees its Debugger).")
def create_app_command(
    name: str,
    app_type: str,
    redirect_uris: tuple[str, ...],
    scopes: tuple[str, ...],
    offline: bool | None,
    refresh_usage: str,
    refresh_lifetime_days: int,
    owner_email: str | None,
) -> None:
    """Register an application; prints its client id and its secret, shown only this once."""
    if app_type != "service" and not redirect_uris:
        raise CliError(f"a {app_type} application needs at least one --redirect-uri")
    wanted = applied_scopes(app_type, scopes, offline)
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        owner_id = None
        if owner_email is not None:
            owner = get_user_by_email(session, owner_email)
            if owner is None:
                raise CliError(f"no user has the e-mail {owner_email}")
            owner_id = owner.id
        application, secret = create_application(
            session,
            name=name,
            pepper=settings.secret_pepper,
            app_type=app_type,
            redirect_uris=list(redirect_uris),
            scopes=wanted,
            offline_access=OFFLINE in wanted,
            refresh_token_usage=refresh_usage,
            refresh_token_lifetime_days=refresh_lifetime_days,
            owner_user_id=owner_id,
        )
        client_id = application.client_id
    echo_fields(
        client_id=client_id, client_secret=secret or "(none: native applications are public)"
    )
    echo_fields(type=app_type, scopes=" ".join(wanted) or "(none)")
    if secret:
        click.echo(_SHOWN_ONCE, err=True)
    if app_type != "web" and DINERO_SCOPES & set(wanted):
        click.echo(
            f"Note: Dinero's API accepts only web applications; a {app_type} application that "
            "asks for dineropublicapi scopes is refused at authorization.",
            err=True,
        )


@app.group()
def secret() -> None:
    """The application's client secret."""


@secret.command("regenerate")
@click.option("--client-id", required=True)
def regenerate_secret_command(client_id: str) -> None:
    """Issue a new client secret; every older secret stops working at once."""
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        application = get_application(session, client_id)
        if application is None:
            raise CliError(f"there is no application with the client id {client_id}")
        if application.app_type == "native":
            raise CliError("native applications are public clients and have no secret")
        new_secret = regenerate_secret(session, application, pepper=settings.secret_pepper)
    echo_fields(client_id=client_id, client_secret=new_secret)
    click.echo(_SHOWN_ONCE, err=True)


@click.group()
def client() -> None:
    """An operator's actions on a client."""


@client.command("revoke")
@click.option("--client-id", required=True)
@click.option("--reason", required=True, help="Shown to the client when it is refused.")
def revoke_client_command(client_id: str, reason: str) -> None:
    """Revoke a client: its tokens stop working and new authorizations are refused."""
    if not reason.strip():
        raise CliError("give a --reason; the client is told it when it is refused")
    settings = load_settings()
    with open_database(settings) as database, database.write() as session:
        application = get_application(session, client_id)
        if application is None:
            raise CliError(f"there is no application with the client id {client_id}")
        if application.revoked_at is not None:
            message = (
                f"{client_id} was already revoked at {application.revoked_at:%Y-%m-%d %H:%M} UTC "
                f"({application.revoke_reason}); nothing changed."
            )
        else:
            revoke_client(session, application, reason.strip())
            message = f"Revoked {client_id}: {reason.strip()}"
    click.echo(message)
