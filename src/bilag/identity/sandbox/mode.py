"""Turning sandbox mode on for an app: its clock, its fault board, and finding them again."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from starlette.requests import HTTPConnection

from bilag.identity.context import Services
from bilag.identity.sandbox.clock import SandboxClock, SandboxClockMiddleware
from bilag.identity.sandbox.errors import SandboxNotFound
from bilag.identity.sandbox.faults import FaultBoard

SANDBOX_OFF = (
    "sandbox mode is off: start the server with `bilag serve --sandbox` (or BILAG_SANDBOX=1) "
    "to use the sandbox controls"
)


@dataclass(frozen=True)
class Sandbox:
    clock: SandboxClock
    faults: FaultBoard


def install_sandbox(app: FastAPI) -> None:
    """In sandbox mode, run every request on the sandbox clock and arm the fault board.

    Call it after every other middleware is added, so that all of them see the clock too.
    """
    services: Services = app.state.services
    if not services.settings.sandbox:
        app.state.sandbox = None
        return
    sandbox = Sandbox(SandboxClock(services.database), FaultBoard(services.database))
    app.state.sandbox = sandbox
    app.add_middleware(SandboxClockMiddleware, clock=sandbox.clock)


def sandbox_of(connection: HTTPConnection) -> Sandbox | None:
    """The app's Sandbox, or None when sandbox mode is off."""
    sandbox: Sandbox | None = getattr(connection.app.state, "sandbox", None)
    return sandbox


def require_sandbox(connection: HTTPConnection) -> Sandbox:
    sandbox = sandbox_of(connection)
    if sandbox is None:
        raise SandboxNotFound(SANDBOX_OFF)
    return sandbox
