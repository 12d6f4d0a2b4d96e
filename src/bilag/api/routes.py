"""Mounts every Dinero resource router and the API's error handlers."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the Dinero API routes and handlers to the app."""
