"""`bilag demo`: seed the demo if it is not there, then print how to use it."""

from __future__ import annotations

from urllib.parse import urlencode

import click
from rich import box
from rich.table import Table

from bilag.cli._shell import console, load_settings, open_database
from bilag.cli.demo_books import seed_demo_books
from bilag.config import Settings
from bilag.identity.demo import Demo, as_json, ensure_demo

EXAMPLE_SCOPES = "dineropublicapi:read dineropublicapi:write offline_access"


@click.command()
@click.option("--json", "as_json_output", is_flag=True, help="Print the demo as JSON, for scripts.")
@click.option(
    "--books/--no-books",
    default=True,
    help="Book the Pro organization's first books through the API (default: yes).",
)
def demo(as_json_output: bool, books: bool) -> None:
    """Seed the demo (users, organizations, API keys, a web application) or print it.

    Its credentials are derived from BILAG_SECRET_PEPPER so that they can be printed again.
    Never seed the demo on a production server.
    """
    settings = load_settings()
    with open_database(settings, migrate=True) as database:
        seeded = ensure_demo(database, settings)
    booked = books and seed_demo_books(settings, seeded)
    if as_json_output:
        click.echo(as_json(seeded))
    else:
        print_demo(seeded, settings)
        if booked:
            console().print(
                "Booked the demo's books in Demo Pro ApS through the API: a customer, expenses "
                "with receipts, the day's sales, an invoice and three kassekladde lines."
            )


def demo_redirect_uri(demo: Demo, settings: Settings) -> str:
    """The demo's redirect URI on this server's own origin, if it has one."""
    uris = demo.application.redirect_uris
    own = [uri for uri in uris if uri.startswith(f"{settings.issuer}/")]
    return (own or list(uris))[0]


def example_authorize_url(demo: Demo, settings: Settings) -> str:
    query = urlencode(
        {
            "client_id": demo.application.client_id,
            "response_type": "code",
            "response_mode": "query",
            "scope": EXAMPLE_SCOPES,
            "redirect_uri": demo_redirect_uri(demo, settings),
            "state": "demo",
            "ui_locales": "da-DK",
        }
    )
    return f"{settings.issuer}/connect/authorize?{query}"


def print_demo(demo: Demo, settings: Settings) -> None:
    out = console()
    base = settings.issuer
    status = "Seeded the demo" if demo.created else "The demo is already seeded"
    out.print(f"[bold]{status}[/bold] in this database. [red]Never use it in production.[/red]")
    for what in demo.rearmed:
        out.print(f"  made the {what} work again")

    logins = Table(title="Logins", box=box.SIMPLE, title_justify="left")
    for column in ("e-mail", "name", "password"):
        logins.add_column(column, no_wrap=True)
    for user in demo.users:
        logins.add_row(user.email, user.name, user.password)
    out.print(logins)

    organizations = Table(title="Organizations", box=box.SIMPLE, title_justify="left")
    organizations.add_column("id", no_wrap=True)
    organizations.add_column("name")
    organizations.add_column("Pro")
    organizations.add_column("members")
    organizations.add_column("API key (legacy grant)", no_wrap=True)
    for org in demo.organizations:
        pro = "yes" if org.is_pro else "no"
        organizations.add_row(str(org.id), org.name, pro, ", ".join(org.members), org.api_key)
    out.print(organizations)

    application = Table(
        title="Web application", box=box.SIMPLE, title_justify="left", show_header=False
    )
    application.add_column("", no_wrap=True)
    application.add_column("", no_wrap=True)
    application.add_row("client_id", demo.application.client_id)
    application.add_row("client_secret", demo.application.client_secret)
    for uri in demo.application.redirect_uris:
        application.add_row("redirect_uri", uri)
    out.print(application)

    app = demo.application
    redirect_uri = demo_redirect_uri(demo, settings)
    pro_org = next(org for org in demo.organizations if org.is_pro)
    lines = [
        ("Discovery", f"{base}/.well-known/openid-configuration"),
        ("API docs", f"{base}/docs"),
        ("Debugger", f"{base}/connect/debugger"),
        (f"Authorize (log in as {demo.users[0].email})", example_authorize_url(demo, settings)),
        (
            "Exchange the code from the address bar",
            f"curl -u {app.client_id}:{app.client_secret} -d grant_type=authorization_code "
            f"-d code=CODE -d redirect_uri={redirect_uri} {base}/connect/token",
        ),
        (
            f"Or a legacy token for {pro_org.name}",
            f"curl -u {app.client_id}:{app.client_secret} -d grant_type=password "
            f"-d username={pro_org.api_key} -d password={pro_org.api_key} "
            f"{base}/dineroapi/oauth/token",
        ),
        (
            "Then list the organizations",
            f'curl -H "Authorization: Bearer ACCESS_TOKEN" {base}/v1/organizations',
        ),
    ]
    out.print("[bold]Open[/bold]")
    for label, text in lines:
        out.print(f"  {label}:")
        out.print(f"    {text}", soft_wrap=True)
