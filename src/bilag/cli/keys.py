"""`bilag keys`: the identity provider's RS256 signing keys."""

from __future__ import annotations

import click

from bilag.cli._shell import load_settings, open_database
from bilag.identity.keys import KeyStore


@click.group()
def keys() -> None:
    """The signing keys of access and id tokens, published at the JWKS URL."""


@keys.command()
def rotate() -> None:
    """Sign with a new key from now on. The old key stays in the JWKS until the tokens it
    signed have expired; running workers pick the new key up within 30 seconds."""
    settings = load_settings()
    with open_database(settings) as database:
        store = KeyStore(
            database,
            rotation_days=settings.key_rotation_days,
            token_lifetime=settings.access_token_lifetime,
        )
        kid = store.rotate()
        published = [key["kid"] for key in store.jwks()["keys"]]
    click.echo(f"signing: {kid}")
    click.echo(f"published: {', '.join(published)}")
