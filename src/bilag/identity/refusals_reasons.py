"""Why a token request or an API call was refused, in plain words, and how to fix it.

The Debugger's catalogue beside `debugger.REASONS` (authorization requests). Token reasons carry
the OAuth error sent on the wire; API reasons carry the HTTP status and Dinero's error code.
The API texts follow the FAQ: the 401 of an organization id from somewhere else, the 403 of a
missing Pro subscription, the 100-a-minute limit, and Dinero acting on many 400/401/403.
"""

from __future__ import annotations

from bilag.identity.debugger_reasons import FailureReason

_PILE_UP = (
    " Dinero may act against clients that cause many 400, 401 or 403 responses, so fix this "
    "on your side rather than retrying."
)

TOKEN_REASONS: dict[str, FailureReason] = {
    "token_malformed_request": FailureReason(
        "invalid_request",
        "The token request could not be read.",
        "POST an application/x-www-form-urlencoded body of at most 16 KiB, UTF-8, each "
        "parameter once.",
    ),
    "token_missing_parameter": FailureReason(
        "invalid_request",
        "A required parameter of the token request is missing.",
        "Send grant_type, and code with redirect_uri (authorization_code) or refresh_token "
        "(refresh_token).",
    ),
    "client_authentication_missing": FailureReason(
        "invalid_client",
        "The token request did not say which client is asking, or sent no client secret.",
        "Authenticate with HTTP Basic (client_id:client_secret) or send client_id and "
        "client_secret in the form; use one method, not both.",
    ),
    "client_authentication_failed": FailureReason(
        "invalid_client",
        "The client id is unknown or the client secret is wrong.",
        "Copy the Client ID and a current secret from My Applications; if the secret was "
        "lost or compromised, generate a new one there. Form-encode both before Base64 in "
        "the Basic header.",
    ),
    "client_revoked": FailureReason(
        "invalid_client",
        "The application has been blocked by the operator.",
        "Contact the operator; tokens are refused until the block is lifted.",
    ),
    "unsupported_grant_type": FailureReason(
        "unsupported_grant_type",
        "The grant type is not supported.",
        "Use grant_type=authorization_code, then grant_type=refresh_token.",
    ),
    "client_credentials_refused": FailureReason(
        "unauthorized_client",
        "The client credentials grant is refused: there are no service applications here.",
        "Use a web application with the authorization code flow; a user authorizes it once "
        "and offline_access gives you a refresh token.",
    ),
    "wrong_application_type": FailureReason(
        "unauthorized_client",
        "Only web applications may use the Dinero API.",
        "Create a web application and use its Client ID.",
    ),
    "invalid_code": FailureReason(
        "invalid_grant",
        "The authorization code is unknown, expired or was issued to another client.",
        "Exchange the code at once (it lives a few minutes), with the client that asked for it.",
    ),
    "code_reused": FailureReason(
        "invalid_grant",
        "The authorization code was used a second time; the authorization it gave is revoked.",
        "Exchange each code exactly once, and do not retry a token request that succeeded. "
        "The user must authorize again.",
    ),
    "redirect_uri_differs": FailureReason(
        "invalid_grant",
        "The redirect_uri differs from the one of the authorization request, or is missing.",
        "Send the very same redirect_uri as in the authorization request.",
    ),
    "invalid_pkce": FailureReason(
        "invalid_grant",
        "The code_verifier is missing, malformed or does not match the code_challenge.",
        "Send the code_verifier whose S256 hash you sent as code_challenge (43-128 characters "
        "of A-Z a-z 0-9 - . _ ~), and only if the authorization request used PKCE.",
    ),
    "invalid_refresh_token": FailureReason(
        "invalid_grant",
        "The refresh token is unknown, expired or was issued to another client.",
        "Use the newest refresh token you received for this user; if it has expired, send "
        "the user through the authorization again.",
    ),
    "refresh_token_replay": FailureReason(
        "invalid_grant",
        "A refresh token was used again after it had been exchanged (replay detection); the "
        "whole authorization is revoked.",
        "Store the new refresh token of every exchange before you use the access token, and "
        "never swap the same one twice (outside the short retry grace). The user must "
        "authorize again.",
    ),
    "grant_revoked": FailureReason(
        "invalid_grant",
        "The authorization has been revoked (by the user, by a replay, or by the operator).",
        "Send the user through the authorization again.",
    ),
    "scope_widened": FailureReason(
        "invalid_scope",
        "The refresh asked for a scope the user did not grant.",
        "Leave scope out of a refresh, or ask for a subset of the granted scopes.",
    ),
    "token_request_refused": FailureReason(
        "invalid_request",
        "The token request was refused.",
        "Read the error_description in the response; it names the problem.",
    ),
}

API_REASONS: dict[str, FailureReason] = {
    "missing_token": FailureReason(
        "401 (code 41)",
        "The call carried no Bearer access token.",
        "Send Authorization: Bearer <access token> on every API call." + _PILE_UP,
    ),
    "invalid_token": FailureReason(
        "401 (code 41)",
        "The access token is expired, revoked, malformed or not signed by this server.",
        "Get a new access token with your refresh token (or authorize again) and retry; "
        "refresh shortly before the token's expires_in runs out." + _PILE_UP,
    ),
    "organization_not_reachable": FailureReason(
        "401 (code 41)",
        "The logged-in user has no access to this organization (or it does not exist). Most "
        "often the organization id came from somewhere else, or the user authorized with "
        "another Visma profile than the one used in Dinero.",
        "Call /v1/organizations after the authorization and let the user pick from the "
        "organizations they can reach. The consent page shows which user is logged in; they "
        "can log out and change account there." + _PILE_UP,
    ),
    "missing_scope": FailureReason(
        "403 (code 41)",
        "The access token lacks the scope this call needs (dineropublicapi:read, or "
        "dineropublicapi:write for POST, PUT, PATCH and DELETE).",
        "Apply for the scope in My Applications and request it in the authorization." + _PILE_UP,
    ),
    "no_pro": FailureReason(
        "403 (code 90)",
        "The organization has no Pro subscription, which the API requires.",
        "Check isPro on /v1/organizations before calling; ask the user to upgrade to Pro or "
        "pick another organization." + _PILE_UP,
    ),
    "rate_limited": FailureReason(
        "429",
        "More than 100 requests in a minute for this organization and client id.",
        "Stay under 100 requests a minute per organization: wait the Retry-After seconds, "
        "spread the calls out, use paging (pageSize up to 1000) and changesSince instead of "
        "reading everything again. Dinero may revoke clients that exhaust the API.",
    ),
    "validation_error": FailureReason(
        "400 (code 42)",
        "The request body or parameters did not pass validation.",
        "Correct the fields named in validationErrors before sending again." + _PILE_UP,
    ),
    "page_size_too_large": FailureReason(
        "400 (code 43)",
        "A limit was exceeded, such as a pageSize above 1000.",
        "Ask for at most 1000 entries a page and follow the pages." + _PILE_UP,
    ),
    "invalid_filter": FailureReason(
        "400 (code 46)",
        "The queryFilter could not be read, or filters a property that cannot be filtered.",
        "Write filters as Property+operator+'value', separated by ';', on the properties the "
        "endpoint's queryFilter description names." + _PILE_UP,
    ),
    "bad_request": FailureReason(
        "400",
        "The API refused the request as invalid.",
        "Read the message and validationErrors in the response; they name the problem." + _PILE_UP,
    ),
}
