"""The authorization request's refusal reasons: the OAuth error sent, the cause and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FailureReason:
    error: str  # the OAuth error code sent to the client
    cause: str
    fix: str
    detail_is_public: bool = False  # may the public error page show the detail too?


REASONS: dict[str, FailureReason] = {
    "malformed_request": FailureReason(
        "invalid_request",
        "The authorization request could not be read.",
        "Send the parameters once each, UTF-8 and percent-encoded, in a request of sane size.",
    ),
    "missing_parameter": FailureReason(
        "invalid_request",
        "A required parameter is missing.",
        "Send client_id, redirect_uri, response_type=code and scope on every request.",
    ),
    "duplicate_parameter": FailureReason(
        "invalid_request",
        "A parameter was sent more than once.",
        "Send each parameter exactly once.",
    ),
    "parameter_too_long": FailureReason(
        "invalid_request",
        "A parameter is longer than the server accepts.",
        "Keep state and nonce short (a random value or a key to your own storage).",
    ),
    "unknown_client": FailureReason(
        "unauthorized_client",
        "No application has this client_id.",
        "Copy the Client ID from My Applications; it always starts with isv_.",
    ),
    "client_revoked": FailureReason(
        "unauthorized_client",
        "The application has been blocked by the operator.",
        "Contact the operator; new authorizations are refused until the block is lifted.",
        detail_is_public=True,
    ),
    "redirect_uri_mismatch": FailureReason(
        "invalid_request",
        "The redirect_uri is not one of the application's registered redirect URIs.",
        "Register the exact URI under the application's redirect URIs, or send one that is "
        "registered. The comparison is exact: scheme, host, port, path, query and trailing "
        "slash all count.",
    ),
    "unsupported_response_type": FailureReason(
        "unsupported_response_type",
        "Only the authorization code flow is supported.",
        "Send response_type=code.",
    ),
    "unsupported_response_mode": FailureReason(
        "invalid_request",
        "The response_mode is not supported.",
        "Send response_mode=query (the default) or response_mode=form_post.",
    ),
    "scope_not_applied_for": FailureReason(
        "invalid_scope",
        "The request asks for a scope the application has not applied for.",
        "Request only scopes the application applied for, or apply for the scope first.",
    ),
    "wrong_application_type": FailureReason(
        "unauthorized_client",
        "Only web applications may use the Dinero API scopes.",
        "Create a web application and use its Client ID; service and native applications "
        "cannot interact with the Dinero API.",
    ),
    "offline_access_disabled": FailureReason(
        "invalid_scope",
        "The request asks for offline_access, but offline access is off for the application.",
        "Turn on Offline Access in the application's settings, or stop requesting offline_access.",
    ),
    "invalid_pkce": FailureReason(
        "invalid_request",
        "The PKCE parameters are invalid.",
        "Send code_challenge_method=S256 and a code_challenge of 43-128 characters "
        "(the base64url SHA-256 of your code_verifier). The plain method is refused.",
    ),
    "pkce_required": FailureReason(
        "invalid_request",
        "The application must use PKCE.",
        "Send code_challenge and code_challenge_method=S256.",
    ),
    "invalid_prompt": FailureReason(
        "invalid_request",
        "The prompt parameter is invalid.",
        "Send prompt=none, login or consent; none cannot be combined with another value.",
    ),
    "invalid_max_age": FailureReason(
        "invalid_request",
        "The max_age parameter is not a whole number of seconds.",
        "Send max_age as a non-negative integer, or leave it out.",
    ),
    "request_not_supported": FailureReason(
        "request_not_supported",
        "Request objects (the request parameter) are not supported.",
        "Send the authorization parameters in the query string or the form.",
    ),
    "request_uri_not_supported": FailureReason(
        "request_uri_not_supported",
        "The request_uri parameter is not supported.",
        "Send the authorization parameters in the query string or the form.",
    ),
    "login_required": FailureReason(
        "login_required",
        "prompt=none was sent, but the user is not logged in (or the login is older than max_age).",
        "Send the user through the authorization without prompt=none so they can log in.",
    ),
    "consent_required": FailureReason(
        "consent_required",
        "prompt=none was sent, but the user has not yet authorized these scopes.",
        "Send the user through the authorization without prompt=none so they can consent.",
    ),
    "access_denied": FailureReason(
        "access_denied",
        "The user pressed Deny on the consent page.",
        "Nothing to fix on your side; let the user start the authorization again.",
    ),
}


def describe(reason: str, detail: str = "") -> str:
    """The plain-words description of a failure: the catalogue's cause and the detail."""
    cause = REASONS[reason].cause
    return f"{cause} {detail}".strip() if detail else cause
