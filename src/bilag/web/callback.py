"""Answers to the application: the code or an error, as a redirect (response_mode=query) or an
auto-submitting form (response_mode=form_post), always with `state` as received and `iss`
(RFC 9207). A refusal that cannot be redirected becomes our own error page with its error id."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from starlette.responses import Response

from bilag.identity.authorize import ErrorRedirect, Refusal
from bilag.identity.debugger import REASONS
from bilag.web.security import redirect
from bilag.web.templating import page

# RFC 6749 §4.1.2.1: error_description is limited to %x20-21 / %x23-5B / %x5D-7E.
_NOT_IN_DESCRIPTION = re.compile(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")


def send_to_client(
    target: ErrorRedirect, fields: dict[str, str], *, language: str, status_code: int = 303
) -> Response:
    """Deliver `fields` (plus `state`) to the verified redirect URI in the chosen mode."""
    fields = dict(fields)
    if target.state is not None:
        fields["state"] = target.state
    if target.response_mode == "form_post":
        return page(
            "form_post.html",
            language=language,
            action=target.redirect_uri,
            fields=list(fields.items()),
        )
    return redirect(with_query(target.redirect_uri, fields), status_code=status_code)


def send_code(
    target: ErrorRedirect,
    code: str,
    *,
    scopes: tuple[str, ...],
    issuer: str,
    language: str,
    status_code: int = 303,
) -> Response:
    fields = {"code": code, "scope": " ".join(scopes), "iss": issuer}
    return send_to_client(target, fields, language=language, status_code=status_code)


def send_refusal(
    refusal: Refusal, error_id: str, *, issuer: str, language: str, status_code: int = 303
) -> Response:
    """The error redirect when the redirect URI is verified, our error page otherwise."""
    error = REASONS[refusal.reason].error
    if refusal.redirect is None:
        return page(
            "error.html",
            status_code=400,
            language=language,
            title="The application's request is invalid",
            error=error,
            message=refusal.description,
            error_id=error_id,
        )
    description = _NOT_IN_DESCRIPTION.sub(" ", refusal.description)
    fields = {
        "error": error,
        "error_description": f"{description} Error id: {error_id}",
        "error_id": error_id,
        "iss": issuer,
    }
    return send_to_client(refusal.redirect, fields, language=language, status_code=status_code)


def with_query(uri: str, fields: dict[str, str]) -> str:
    """`uri` with `fields` appended, its own query kept as registered (RFC 6749 §3.1.2)."""
    if "?" not in uri:
        return f"{uri}?{urlencode(fields)}"
    separator = "" if uri.endswith(("?", "&")) else "&"
    return f"{uri}{separator}{urlencode(fields)}"
