"""What `Client` and `AsyncClient` share: one API call as a generator of steps, sans I/O.

`call_flow` yields what it needs (`Authorize` for a bearer token, `Sleep` for a pause, an
`httpx.Request` to send) and returns the successful `httpx.Response`. Around the request it keeps
the organization under the rate limit, waits out a 429 (`Retry-After`, a bounded number of
times), renews the token once when the API says it is invalid, counts everything in `counters`,
and turns an error answer into the matching `DineroError`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

import httpx

from bilag.client._auth import Endpoints
from bilag.client._credentials import Credentials
from bilag.client._errors import (
    NO_ACCESS_HELP,
    NOT_PRO_HELP,
    DineroError,
    NoAccessError,
    NotProError,
    RateLimitedError,
    StaleVersionError,
)
from bilag.client._limits import (
    Counters,
    FileRateLimiter,
    MemoryRateLimiter,
    RateLimiter,
    retry_after_seconds,
)

T = TypeVar("T")
NO_PRO_CODES = (90, 48)  # 48 in Dinero's older documentation
STALE_VERSION_CODE = 58


@dataclass(frozen=True)
class Authorize:
    stale: str | None  # a token the API refused, if any


@dataclass(frozen=True)
class Sleep:
    seconds: float


Step = Authorize | Sleep | httpx.Request
CallFlow = Generator[Step, Any, httpx.Response]


@dataclass(frozen=True)
class Call(Generic[T]):
    """One API request and how to read its answer."""

    method: str
    path: str
    read: Callable[[Any], T]
    organization_id: int | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    files: Mapping[str, tuple[str, bytes, str]] | None = None


def _encode(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def decode(response: httpx.Response) -> Any:
    if not response.content:
        return None
    if "json" not in response.headers.get("content-type", "json"):
        return response.content  # a PDF
    return response.json(parse_float=Decimal)


def _error_body(response: httpx.Response) -> Mapping[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def error_for(response: httpx.Response, organization_id: int | None) -> DineroError:
    body = _error_body(response)
    code = body.get("code") if isinstance(body.get("code"), int) else None
    message = str(body.get("message") or response.text[:200] or response.reason_phrase)
    errors = body.get("validationErrors")
    validation = {str(k): str(v) for k, v in errors.items()} if isinstance(errors, dict) else {}
    organization = "?" if organization_id is None else str(organization_id)
    status = response.status_code
    if status == 401:
        return NoAccessError(NO_ACCESS_HELP.format(organization=organization), response=response)
    if status == 403 and code in NO_PRO_CODES:
        text = NOT_PRO_HELP.format(organization=organization)
        return NotProError(text, response=response, code=code)
    if status == 429:
        wait = retry_after_seconds(response.headers.get("retry-after"), 0.0)
        return RateLimitedError(message, response=response, retry_after=wait)
    kind = StaleVersionError if code == STALE_VERSION_CODE else DineroError
    return kind(message, response=response, code=code, validation_errors=validation)


def _token_refused(response: httpx.Response) -> bool:
    return response.status_code == 401 and "invalid_token" in response.headers.get(
        "www-authenticate", ""
    )


def default_rate_limiter(credentials: Credentials, clock: Callable[[], float]) -> RateLimiter:
    """Shared through the token store's directory when there is one, else this process's."""
    directory = getattr(getattr(credentials, "store", None), "directory", None)
    if directory is not None:
        return FileRateLimiter(directory, clock=clock)
    return MemoryRateLimiter(clock=clock)


class BaseClient:
    def __init__(
        self,
        credentials: Credentials,
        *,
        endpoints: Endpoints | None = None,
        rate_limiter: RateLimiter | None = None,
        rate_limit_retries: int = 3,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.credentials = credentials
        self.endpoints = endpoints or getattr(credentials, "endpoints", None) or Endpoints()
        self.clock = clock or credentials.clock
        self.rate_limiter = rate_limiter or default_rate_limiter(credentials, self.clock)
        self.rate_limit_retries = rate_limit_retries
        self.counters = Counters()
        self._counting = threading.Lock()

    def build_request(self, call: Call[Any], token: str) -> httpx.Request:
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        content: bytes | None = None
        if call.body is not None:
            content = json.dumps(call.body, default=_encode).encode()
            headers["Content-Type"] = "application/json"
        return httpx.Request(
            call.method,
            self.endpoints.api_url.rstrip("/") + call.path,
            params=dict(call.params),
            headers=headers,
            content=content,
            files=call.files,
        )

    def call_flow(self, call: Call[Any]) -> CallFlow:
        stale: str | None = None
        renewed = False
        waits_for_429 = 0
        while True:
            token = yield Authorize(stale)
            stale = None
            if call.organization_id is not None:
                key = f"{self.credentials.client_id}-{call.organization_id}"
                while (wait := self.rate_limiter.reserve(key)) > 0:
                    self._count("limiter_waits")
                    yield Sleep(wait)
            response: httpx.Response = yield self.build_request(call, token)
            self._count("calls")
            if response.is_success:
                return response
            self._count_error(response)
            if _token_refused(response) and not renewed:
                stale, renewed = token, True
                continue
            if response.status_code == 429 and waits_for_429 < self.rate_limit_retries:
                waits_for_429 += 1
                self._count("rate_limited_waits")
                yield Sleep(retry_after_seconds(response.headers.get("retry-after"), self.clock()))
                continue
            raise error_for(response, call.organization_id)

    def _count_error(self, response: httpx.Response) -> None:
        code = _error_body(response).get("code")
        with self._counting:
            self.counters.errors_by_status[response.status_code] += 1
            if isinstance(code, int):
                self.counters.errors_by_code[code] += 1

    def _count(self, name: str) -> None:
        with self._counting:  # clients are shared by threads; `+=` is not atomic
            setattr(self.counters, name, getattr(self.counters, name) + 1)
