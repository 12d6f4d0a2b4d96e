"""The OAuth 2.0 / OpenID Connect error tree, each error carrying its own wire format.

    OAuthError                      400 unless a subclass says otherwise
    ├── InvalidRequest              RFC 6749 §5.2 / §4.1.2.1
    ├── InvalidClient               RFC 6749 §5.2, 401
    ├── InvalidGrant                RFC 6749 §5.2
    ├── UnauthorizedClient          RFC 6749 §5.2 / §4.1.2.1
    ├── UnsupportedGrantType        RFC 6749 §5.2
    ├── InvalidScope                RFC 6749 §5.2 / §4.1.2.1
    ├── AccessDenied                RFC 6749 §4.1.2.1
    ├── UnsupportedResponseType     RFC 6749 §4.1.2.1
    ├── ServerError                 RFC 6749 §4.1.2.1
    ├── TemporarilyUnavailable      RFC 6749 §4.1.2.1, 503
    ├── UnsupportedTokenType        RFC 7009 §2.2.1
    ├── InvalidToken                RFC 6750 §3.1, 401 (resource servers, userinfo)
    ├── InsufficientScope           RFC 6750 §3.1, 403
    ├── LoginRequired               OIDC Core §3.1.2.6
    ├── ConsentRequired             OIDC Core §3.1.2.6
    ├── InteractionRequired         OIDC Core §3.1.2.6
    ├── AccountSelectionRequired    OIDC Core §3.1.2.6
    ├── InvalidRequestUri           OIDC Core §3.1.2.6
    ├── InvalidRequestObject        OIDC Core §3.1.2.6
    ├── RequestNotSupported         OIDC Core §3.1.2.6
    ├── RequestUriNotSupported      OIDC Core §3.1.2.6
    └── RegistrationNotSupported    OIDC Core §3.1.2.6

Errors are raised by identity services and turned into HTTP only by the endpoints.
"""

from __future__ import annotations


class OAuthError(Exception):
    """Base of every protocol error; `error` is the registered code sent on the wire."""

    error = "invalid_request"
    status_code = 400

    def __init__(self, description: str = "", *, headers: dict[str, str] | None = None) -> None:
        super().__init__(description or self.error)
        self.description = description
        self.headers: dict[str, str] = dict(headers or {})

    def body(self) -> dict[str, str]:
        """The JSON error body of RFC 6749 §5.2."""
        body = {"error": self.error}
        if self.description:
            body["error_description"] = self.description
        return body

    def query_parameters(self, state: str | None = None) -> dict[str, str]:
        """The parameters for an error redirect (RFC 6749 §4.1.2.1)."""
        parameters = self.body()
        if state is not None:
            parameters["state"] = state
        return parameters


class InvalidRequest(OAuthError):
    """A parameter is missing, repeated, malformed or not allowed (RFC 6749 §5.2)."""

    error = "invalid_request"


class InvalidClient(OAuthError):
    """Client authentication failed (RFC 6749 §5.2); 401, with `WWW-Authenticate` for Basic."""

    error = "invalid_client"
    status_code = 401


class InvalidGrant(OAuthError):
    """The code or refresh token is invalid, expired, revoked, reused or not this client's, or
    the redirect URI / PKCE verifier does not match (RFC 6749 §5.2)."""

    error = "invalid_grant"


class UnauthorizedClient(OAuthError):
    """The client may not use this grant type or response type (RFC 6749 §5.2, §4.1.2.1)."""

    error = "unauthorized_client"


class UnsupportedGrantType(OAuthError):
    """The server does not support this grant type (RFC 6749 §5.2)."""

    error = "unsupported_grant_type"


class InvalidScope(OAuthError):
    """The scope is unknown, malformed or wider than granted (RFC 6749 §5.2, §4.1.2.1)."""

    error = "invalid_scope"


class AccessDenied(OAuthError):
    """The user or the server denied the request (RFC 6749 §4.1.2.1)."""

    error = "access_denied"
    status_code = 403


class UnsupportedResponseType(OAuthError):
    """The server does not support this response type (RFC 6749 §4.1.2.1)."""

    error = "unsupported_response_type"


class ServerError(OAuthError):
    """An unexpected condition, reported through a redirect (RFC 6749 §4.1.2.1)."""

    error = "server_error"
    status_code = 500


class TemporarilyUnavailable(OAuthError):
    """The server is overloaded or in maintenance (RFC 6749 §4.1.2.1)."""

    error = "temporarily_unavailable"
    status_code = 503


class UnsupportedTokenType(OAuthError):
    """The server cannot revoke this type of token (RFC 7009 §2.2.1)."""

    error = "unsupported_token_type"


class InvalidToken(OAuthError):
    """The bearer token is expired, revoked, malformed or invalid (RFC 6750 §3.1); 401."""

    error = "invalid_token"
    status_code = 401


class InsufficientScope(OAuthError):
    """The token lacks the scope the resource needs (RFC 6750 §3.1); 403."""

    error = "insufficient_scope"
    status_code = 403


class LoginRequired(OAuthError):
    """`prompt=none` but the user is not logged in (OIDC Core §3.1.2.6)."""

    error = "login_required"


class ConsentRequired(OAuthError):
    """`prompt=none` but consent has not been given (OIDC Core §3.1.2.6)."""

    error = "consent_required"


class InteractionRequired(OAuthError):
    """`prompt=none` but the user must interact (OIDC Core §3.1.2.6)."""

    error = "interaction_required"


class AccountSelectionRequired(OAuthError):
    """`prompt=none` but the user must choose an account (OIDC Core §3.1.2.6)."""

    error = "account_selection_required"


class InvalidRequestUri(OAuthError):
    """The `request_uri` is invalid or unreachable (OIDC Core §3.1.2.6)."""

    error = "invalid_request_uri"


class InvalidRequestObject(OAuthError):
    """The `request` object is invalid (OIDC Core §3.1.2.6)."""

    error = "invalid_request_object"


class RequestNotSupported(OAuthError):
    """The `request` parameter is not supported (OIDC Core §3.1.2.6)."""

    error = "request_not_supported"


class RequestUriNotSupported(OAuthError):
    """The `request_uri` parameter is not supported (OIDC Core §3.1.2.6)."""

    error = "request_uri_not_supported"


class RegistrationNotSupported(OAuthError):
    """The `registration` parameter is not supported (OIDC Core §3.1.2.6)."""

    error = "registration_not_supported"
