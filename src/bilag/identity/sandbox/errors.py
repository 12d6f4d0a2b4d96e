"""What the sandbox controls refuse, each with the HTTP status its endpoint answers.

SandboxError (ValueError)
├── SandboxInputError      400  bad input, named
├── SandboxUnauthorized    401  no or wrong e-mail and password
├── SandboxForbidden       403  the user may not do this (not a member, not the owner)
├── SandboxNotFound        404  no such organization or client; sandbox mode off
├── SandboxConflict        409  e.g. the e-mail is taken
└── SandboxThrottled       429  too many wrong passwords from this address
"""

from __future__ import annotations


class SandboxError(ValueError):
    status_code = 400
    error = "invalid_request"


class SandboxInputError(SandboxError):
    pass


class SandboxUnauthorized(SandboxError):
    status_code = 401
    error = "unauthorized"


class SandboxForbidden(SandboxError):
    status_code = 403
    error = "forbidden"


class SandboxNotFound(SandboxError):
    status_code = 404
    error = "not_found"


class SandboxConflict(SandboxError):
    status_code = 409
    error = "conflict"


class SandboxThrottled(SandboxError):
    status_code = 429
    error = "too_many_attempts"
