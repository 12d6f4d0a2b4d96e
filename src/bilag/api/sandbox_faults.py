"""A sandbox fault armed for the caller's client, applied once the token names the client:
429 exactly as the rate limit answers it, 500 exactly as an unexpected error, or a delay."""

from __future__ import annotations

import time

from starlette.requests import Request

from bilag.api.errors import DineroError, ErrorCode
from bilag.api.limits import RateLimited
from bilag.api.state import api_state
from bilag.identity.sandbox.mode import sandbox_of


def apply_sandbox_fault(request: Request, client_id: str) -> None:
    """Raise or wait as the client's next armed fault says; nothing outside sandbox mode."""
    sandbox = sandbox_of(request)
    if sandbox is None:
        return
    fault = sandbox.faults.take(client_id)
    if fault is None:
        return
    if fault.kind == "429":
        raise RateLimited(api_state(request).limiter.limit, fault.retry_after or 1)
    if fault.kind == "500":
        raise DineroError(ErrorCode.SERVER_ERROR, "An unexpected error occurred.", 500)
    time.sleep((fault.delay_ms or 0) / 1000)  # then served as usual; callers run in a thread
