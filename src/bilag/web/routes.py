"""Mounts every page flow of the web app."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the page routes to the app."""
