"""`login` (browser, or the legacy API key) and `orgs`."""

from __future__ import annotations

from collections.abc import Sequence

import click

from bilag.client import Client, FileTokenStore, OAuthCredentials, Organization, login_in_browser
from bilag.client_cli._output import show_rows, stderr
from bilag.client_cli._profile import Profile
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import json_option

DEFAULT_REDIRECT_URI = "http://127.0.0.1:8765/callback"
ORG_COLUMNS = (("id", "id"), ("name", "name"), ("is_pro", "Pro"), ("default", "default"))


def org_rows(organizations: Sequence[Organization], default: int | None) -> list[dict[str, object]]:
    return [
        {"id": o.id, "name": o.name, "is_pro": o.is_pro, "default": o.id == default}
        for o in organizations
    ]


def choose(organizations: Sequence[Organization], wanted: int | None) -> int | None:
    """The default organization: the one asked for, the only one, or the user's pick."""
    ids = [o.id for o in organizations]
    if wanted is not None:
        if wanted not in ids:
            listed = ", ".join(map(str, ids)) or "none"
            raise click.UsageError(f"organization {wanted} is not one you can reach ({listed})")
        return wanted
    if len(ids) <= 1:
        return ids[0] if ids else None
    rows = org_rows(organizations, None)
    show_rows(rows, ORG_COLUMNS[:3], as_json=False, title="Organizations", console=stderr())
    pro = [o.id for o in organizations if o.is_pro]
    answer = click.prompt(
        "Default organization (id)",
        type=click.Choice([str(i) for i in ids]),
        default=str(pro[0] if pro else ids[0]),
        err=True,
    )
    return int(answer)


@click.command()
@click.option("--api-key", help="Log in with an organization's API key (no browser needed).")
@click.option(
    "--redirect-uri",
    default=DEFAULT_REDIRECT_URI,
    show_default=True,
    help="A loopback URI registered for the application; the login listens there.",
)
@click.option("--org", "organization", type=int, help="The default organization to remember.")
@click.option("--no-browser", is_flag=True, help="Print the login URL instead of opening it.")
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Seconds to wait.")
@json_option
@pass_runtime
def login(
    runtime: Runtime,
    api_key: str | None,
    redirect_uri: str,
    organization: int | None,
    no_browser: bool,
    timeout: float,
    as_json: bool,
) -> None:
    """Log in through the browser (or with --api-key) and remember a default organization.

    The tokens go to the token file; the client id, secret, server and default organization
    to the profile beside it, so later commands need no options.
    """
    app = runtime.app(redirect_uri)
    if api_key:
        runtime.api_key = api_key
    else:
        runtime.api_key = None
        opener = runtime.open_browser
        if no_browser:

            def opener(url: str) -> None:
                stderr().print(f"Open this address in your browser to log in:\n{url}")

        login_in_browser(
            app,
            FileTokenStore(runtime.token_file),
            endpoints=runtime.endpoints(),
            open_browser=opener,
            timeout=timeout,
        )
    with runtime.client() as client:
        organizations = client.organizations()
    default = choose(organizations, organization)
    runtime.profile = Profile(
        base_url=runtime.base_url,
        client_id=app.client_id,
        client_secret=app.client_secret,
        api_key=api_key,
        organization=default,
    )
    runtime.profile.save(runtime.profile_file)
    rows = org_rows(organizations, default)
    if as_json:
        show_rows(rows, ORG_COLUMNS, as_json=True)
        return
    how = "the API key" if api_key else "the browser"
    stderr().print(f"Logged in with {how}; the tokens are in {runtime.token_file}.")
    show_rows(rows, ORG_COLUMNS, as_json=False, title="Organizations")
    if default is None:
        stderr().print("You cannot reach any organization yet.")


@click.command()
@json_option
@pass_runtime
def orgs(runtime: Runtime, as_json: bool) -> None:
    """The organizations you can reach, with Pro (the API needs it) and your default."""
    with runtime.client() as client:
        organizations = client.organizations()
    rows = org_rows(organizations, runtime.profile.organization)
    show_rows(rows, ORG_COLUMNS, as_json=as_json, title="Organizations")


@click.command()
@pass_runtime
def logout(runtime: Runtime) -> None:
    """Revoke the login's authorization and delete its tokens, and forget a saved API key.

    The server, the application and the default organization stay in the profile, so the next
    `bilag-client login` needs no options. An API key itself is revoked in Dinero's settings.
    """
    store = FileTokenStore(runtime.token_file)
    logged_in = store.load() is not None
    credentials = OAuthCredentials(runtime.app(), store, endpoints=runtime.endpoints())
    with Client(credentials, endpoints=runtime.endpoints()) as client:
        client.logout()
    if logged_in:
        stderr().print("Logged out: the authorization is revoked and its tokens are deleted.")
    if runtime.profile.api_key:
        runtime.profile.api_key = None
        runtime.profile.save(runtime.profile_file)
        stderr().print("The API key is forgotten; revoke it in the organization's settings.")
    elif not logged_in:
        stderr().print("You were not logged in.")
