"""The `bilag` command."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """bilag: a self-hostable bookkeeping platform that speaks the Dinero public API."""
