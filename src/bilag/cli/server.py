"""`bilag serve` and `bilag migrate`."""

from __future__ import annotations

import importlib.util
import os

import click

from bilag.cli._shell import load_settings, migrate_if_needed, shown_url
from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.storage.db import Database
from bilag.storage.migrate import upgrade

APP_FACTORY = "bilag.app:asgi"
# uvicorn replaces a worker that does not answer its supervisor's ping within 5 s. A worker
# starting on a busy machine can take half a minute to import the app, so with the default every
# new worker was killed and replaced in turn, and the server never answered.
WORKER_HEALTHCHECK_SECONDS = 120


@click.command()
def migrate() -> None:
    """Upgrade the database to the newest schema (safe to run again)."""
    settings = load_settings()
    upgrade(settings.database_url)
    click.echo(f"The database {shown_url(settings.database_url)} is up to date.")


def ensure_signing_key(settings: Settings) -> None:
    """Make the first signing key now, so that workers starting together do not race for it."""
    database = Database(settings.database_url)
    try:
        KeyStore(
            database,
            rotation_days=settings.key_rotation_days,
            token_lifetime=settings.access_token_lifetime,
        ).jwks()
    finally:
        database.dispose()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker processes; every limit is shared by all of them.",
)
@click.option(
    "--forwarded-allow-ips",
    default=None,
    help="Proxies whose X-Forwarded-* headers are trusted "
    "(default: $FORWARDED_ALLOW_IPS or 127.0.0.1; '*' trusts any).",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
@click.option(
    "--sandbox", is_flag=True, help="Turn on the sandbox controls (as BILAG_SANDBOX=1 does)."
)
def serve(
    host: str,
    port: int,
    workers: int,
    forwarded_allow_ips: str | None,
    access_log: bool,
    sandbox: bool,
) -> None:
    """Serve the API, the identity provider and the web app on one origin.

    Migrates the database first if it is behind. Unless BILAG_BASE_URL is set, the issuer and
    every absolute URL are http://HOST:PORT; behind a TLS-terminating proxy set BILAG_BASE_URL
    to the public https origin.
    """
    import uvicorn

    if "BILAG_BASE_URL" not in os.environ:
        # The workers read settings from the environment, so this reaches them too.
        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
        os.environ["BILAG_BASE_URL"] = f"http://{shown_host}:{port}"
    if sandbox:
        os.environ["BILAG_SANDBOX"] = "1"  # the workers read it from the environment too
    settings = load_settings()
    if migrate_if_needed(settings):
        click.echo(f"Migrated the database {shown_url(settings.database_url)}.")
    ensure_signing_key(settings)
    click.echo(f"bilag serves {settings.issuer} (listening on {host}:{port}, {workers} worker(s))")
    if settings.sandbox:
        click.echo(
            "Sandbox mode is on: /sandbox/... and `bilag sandbox` control the clock and faults."
        )
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop" if importlib.util.find_spec("uvloop") else "auto",
        http="httptools" if importlib.util.find_spec("httptools") else "auto",
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        access_log=access_log,
        log_level="info",
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )
