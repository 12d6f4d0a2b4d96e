"""The SDK's errors. Every one of them derives from `DineroClientError`:

    DineroClientError
    ├── RequestValidationError     refused before sending: the problems, all at once
    │   └── FilterError            a queryFilter the endpoint cannot take
    ├── AuthorizationError         the OAuth side
    │   ├── CallbackError          the authorization response: wrong state, or an error
    │   ├── TokenRequestError      the token endpoint refused (`error`, `error_description`)
    │   ├── NotAuthorizedError     no tokens in the store yet: authorize first
    │   └── AuthorizationRevoked   the grant is gone (`invalid_grant`): authorize again
    └── DineroError                the API answered with an error (`status`, `code`, `message`,
        │                          `validation_errors`, `.response`)
        ├── NoAccessError          401: the user cannot reach this organization
        ├── NotProError            403 with code 90: the organization has no Pro subscription
        ├── RateLimitedError       429, still after the bounded retries (`retry_after`)
        └── StaleVersionError      400 with code 58: the Timestamp is not the latest

Network failures are httpx's own (`httpx.TransportError`), untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import httpx

NO_ACCESS_HELP = (
    "The logged-in user cannot reach organization {organization}. Two causes are common: the "
    "organization id came from somewhere else (list the ones the user can reach with "
    "client.organizations() and let the user choose), or the user authorized with another "
    "Visma profile than the one that has access to Dinero (authorize again and check which "
    "user is shown on the accept page)."
)
NOT_PRO_HELP = (
    "Organization {organization} has no Pro subscription, which the Dinero API requires. "
    "Check `is_pro` in client.organizations() before calling the API for an organization."
)
REVOKED_HELP = (
    "The authorization is no longer valid ({detail}). The user must authorize this application "
    "again (for example with `bilag.client.login_in_browser`)."
)


class DineroClientError(Exception):
    """The root of every error this SDK raises."""


class RequestValidationError(DineroClientError, ValueError):
    """The request was not sent: the SDK found problems that Dinero would refuse with a 400."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class FilterError(RequestValidationError):
    """A queryFilter condition the endpoint cannot filter on, or a value of the wrong type."""


class AuthorizationError(DineroClientError):
    """Obtaining or keeping an authorization failed."""


class CallbackError(AuthorizationError):
    """The authorization response is not one we can accept (wrong state, or an `error`)."""


class NotAuthorizedError(AuthorizationError):
    """The token store holds no tokens: the user has not authorized this application yet."""


class TokenRequestError(AuthorizationError):
    """The token endpoint answered with an OAuth error (RFC 6749 §5.2)."""

    def __init__(self, error: str, description: str | None, status_code: int) -> None:
        self.error = error
        self.description = description
        self.status_code = status_code
        text = f"{error}: {description}" if description else error
        super().__init__(f"the token endpoint refused the request ({status_code}, {text})")


class AuthorizationRevoked(AuthorizationError):
    """The refresh token (and with it the whole grant) is no longer valid."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(REVOKED_HELP.format(detail=detail))


class DineroError(DineroClientError):
    """The API answered with a 4xx or 5xx; Dinero's error body is parsed when there is one."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        code: int | None = None,
        validation_errors: Mapping[str, str] | None = None,
    ) -> None:
        self.response = response
        self.status = response.status_code
        self.code = code
        self.validation_errors = dict(validation_errors or {})
        detail = f"{self.status}" + (f", code {code}" if code is not None else "")
        if self.validation_errors:
            message += (
                " (" + "; ".join(f"{k}: {v}" for k, v in self.validation_errors.items()) + ")"
            )
        super().__init__(f"{message} [{detail}]")

    @property
    def request(self) -> httpx.Request:
        return self.response.request


class NoAccessError(DineroError):
    """401: see `NO_ACCESS_HELP` for the FAQ's two causes."""


class NotProError(DineroError):
    """403 with code 90: the organization has no Pro subscription (check `is_pro`)."""


class RateLimitedError(DineroError):
    """429 after the configured number of waits and retries."""

    def __init__(self, message: str, *, response: httpx.Response, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(message, response=response)


class StaleVersionError(DineroError):
    """Code 58: another change came first; re-read the voucher and try again."""


class UnattachedFileWarning(UserWarning):
    """A file was uploaded with nothing to attach it to: the user cannot see it until a voucher,
    manual voucher or ledger item uses its FileGuid (the FAQ on posting images)."""
