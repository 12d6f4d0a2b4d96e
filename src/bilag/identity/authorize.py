"""Validation of an authorization request (RFC 6749 §4.1.1, RFC 7636, OIDC Core §3.1.2.1).

`check_authorization_request` turns the raw parameters into an `AuthorizationRequest` or a
`Refusal` carrying a machine reason from `debugger.REASONS`. While the client and its redirect
URI are unverified, a refusal has no `redirect`: it must be shown on our own error page, never
sent to an unverified URI (RFC 6749 §4.1.2.1). Once both are verified, a refusal redirects to it.
`refuse` records any refusal in the Debugger's log and returns its error id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bilag.identity.applications import (
    DINERO_SCOPES,
    get_application,
    redirect_uris_of,
    scopes_of,
)
from bilag.identity.debugger import describe, record_failure
from bilag.storage.models import Application

Parameters = Mapping[str, Sequence[str]]

RESPONSE_MODES = ("query", "form_post")
PROMPTS = frozenset({"none", "login", "consent", "select_account"})
PKCE_METHOD = "S256"
_PKCE_CHALLENGE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
_MAX_LENGTH = {"state": 2000, "nonce": 500, "redirect_uri": 2000, "client_id": 200}
_DEFAULT_MAX_LENGTH = 1000


@dataclass(frozen=True)
class ErrorRedirect:
    """Where a refusal goes once the client and its redirect URI are verified."""

    redirect_uri: str
    response_mode: str
    state: str | None


@dataclass(frozen=True)
class Refusal:
    reason: str
    detail: str
    parameters: Parameters
    application_id: int | None = None
    client_id: str | None = None
    redirect: ErrorRedirect | None = None

    @property
    def description(self) -> str:
        return describe(self.reason, self.detail)


@dataclass(frozen=True)
class AuthorizationRequest:
    application_id: int
    client_id: str
    application_name: str
    redirect_uri: str
    response_mode: str
    scopes: tuple[str, ...]
    state: str | None
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    prompt: frozenset[str]
    max_age: int | None
    ui_locales: tuple[str, ...]
    parameters: dict[str, str] = field(repr=False)  # as received, one value each

    @property
    def error_redirect(self) -> ErrorRedirect:
        return ErrorRedirect(self.redirect_uri, self.response_mode, self.state)

    @property
    def requires_fresh_login(self) -> bool:
        """prompt=login, or max_age=0, which OIDC Core §3.1.2.1 treats the same way."""
        return "login" in self.prompt or self.max_age == 0

    def refusal(self, reason: str, detail: str = "") -> Refusal:
        """A refusal of this (valid) request, e.g. `access_denied` or `login_required`."""
        return Refusal(
            reason=reason,
            detail=detail,
            parameters={name: [value] for name, value in self.parameters.items()},
            application_id=self.application_id,
            client_id=self.client_id,
            redirect=self.error_redirect,
        )


def refuse(session: Session, refusal: Refusal) -> str:
    """Record the refusal in the Debugger's log; returns its error id."""
    return record_failure(
        session,
        reason=refusal.reason,
        detail=refusal.detail,
        application_id=refusal.application_id,
        client_id=refusal.client_id,
        parameters=refusal.parameters,
    )


def check_authorization_request(
    session: Session, parameters: Parameters
) -> AuthorizationRequest | Refusal:
    """Validate every rule of the authorization request, in the order the RFCs require."""
    client_id, problem = _single(parameters, "client_id")
    if problem is not None:
        return Refusal(*problem, parameters, client_id=client_id)
    assert client_id is not None
    application = get_application(session, client_id)
    if application is None:
        detail = f"client_id {client_id!r} is unknown."
        return Refusal("unknown_client", detail, parameters, client_id=client_id)

    def unverified(reason: str, detail: str) -> Refusal:
        return Refusal(
            reason,
            detail,
            parameters,
            application_id=application.id,
            client_id=application.client_id,
        )

    if application.revoked_at is not None:
        return unverified("client_revoked", f"Reason given: {application.revoke_reason or '-'}.")
    redirect_uri, problem = _single(parameters, "redirect_uri")
    if problem is not None:
        return unverified(*problem)
    assert redirect_uri is not None
    if redirect_uri not in redirect_uris_of(application):
        return unverified(
            "redirect_uri_mismatch",
            f"redirect_uri {redirect_uri!r} is not registered for {application.client_id}.",
        )
    return _check_verified(application, redirect_uri, parameters)


def _check_verified(
    application: Application, redirect_uri: str, parameters: Parameters
) -> AuthorizationRequest | Refusal:
    """The rules that apply once the client and redirect URI are known to be good."""
    states = parameters.get("state") or []
    state = states[0] if states and len(states[0]) <= _MAX_LENGTH["state"] else None
    mode = (parameters.get("response_mode") or ["query"])[0] or "query"
    if mode not in RESPONSE_MODES:
        mode, reason, detail = "query", "unsupported_response_mode", f"Got {mode!r}."
        return _redirected(application, redirect_uri, mode, state, parameters, reason, detail)
    for name, values in parameters.items():
        problem = _problem_with(name, values)
        if problem is not None:
            return _redirected(application, redirect_uri, mode, state, parameters, *problem)
    single = {name: values[0] for name, values in parameters.items() if values}
    problem = _protocol_problem(application, single)
    if problem is not None:
        return _redirected(application, redirect_uri, mode, state, parameters, *problem)
    max_age = single.get("max_age")
    challenge = single.get("code_challenge") or None
    return AuthorizationRequest(
        application_id=application.id,
        client_id=application.client_id,
        application_name=application.name,
        redirect_uri=redirect_uri,
        response_mode=mode,
        scopes=tuple(dict.fromkeys(single["scope"].split())),
        state=state,
        nonce=single.get("nonce") or None,
        code_challenge=challenge,
        code_challenge_method=PKCE_METHOD if challenge else None,
        prompt=frozenset(single.get("prompt", "").split()),
        max_age=int(max_age) if max_age is not None else None,
        ui_locales=tuple(single.get("ui_locales", "").split()),
        parameters=single,
    )


def _protocol_problem(application: Application, single: dict[str, str]) -> tuple[str, str] | None:
    """The first broken rule of response type, scopes, PKCE and prompt, as (reason, detail)."""
    if "request" in single:
        return "request_not_supported", ""
    if "request_uri" in single:
        return "request_uri_not_supported", ""
    response_type = single.get("response_type")
    if not response_type:
        return "missing_parameter", "response_type is missing; send response_type=code."
    if response_type != "code":
        return "unsupported_response_type", f"Got {response_type!r}."
    scope_problem = _scope_problem(application, single.get("scope", "").split())
    if scope_problem is not None:
        return scope_problem
    pkce_problem = _pkce_problem(application, single)
    if pkce_problem is not None:
        return pkce_problem
    prompt = frozenset(single.get("prompt", "").split())
    if prompt - PROMPTS or ("none" in prompt and len(prompt) > 1):
        return "invalid_prompt", f"Got {single['prompt']!r}."
    max_age = single.get("max_age")
    if max_age is not None and not (max_age.isascii() and max_age.isdigit() and len(max_age) < 10):
        return "invalid_max_age", f"Got {max_age!r}."
    return None


def _scope_problem(application: Application, requested: list[str]) -> tuple[str, str] | None:
    if not requested:
        return "missing_parameter", "scope is missing; send e.g. dineropublicapi:read."
    wanted = set(requested)
    if wanted & DINERO_SCOPES and application.app_type != "web":
        detail = (
            f"{application.client_id} is a {application.app_type} application and asked for "
            f"{' '.join(sorted(wanted & DINERO_SCOPES))}."
        )
        return "wrong_application_type", detail
    if "offline_access" in wanted and not application.offline_access:
        return "offline_access_disabled", ""
    missing = sorted(wanted - scopes_of(application))
    if missing:
        applied = " ".join(sorted(scopes_of(application))) or "none"
        return (
            "scope_not_applied_for",
            f"Not applied for: {' '.join(missing)}. Applied for: {applied}.",
        )
    return None


def _pkce_problem(application: Application, single: dict[str, str]) -> tuple[str, str] | None:
    challenge = single.get("code_challenge")
    method = single.get("code_challenge_method")
    if challenge is None:
        if method is not None:
            return "invalid_pkce", "code_challenge_method was sent without a code_challenge."
        if application.require_pkce or application.app_type == "native":
            return "pkce_required", ""
        return None
    if method != PKCE_METHOD:
        got = "no code_challenge_method (which means plain)" if method is None else repr(method)
        return "invalid_pkce", f"Only S256 is supported; got {got}."
    if not _PKCE_CHALLENGE.match(challenge):
        return "invalid_pkce", f"The code_challenge has {len(challenge)} characters or bad ones."
    return None


def _problem_with(name: str, values: Sequence[str]) -> tuple[str, str] | None:
    if len(values) > 1:
        return "duplicate_parameter", f"{name} was sent {len(values)} times."
    limit = _MAX_LENGTH.get(name, _DEFAULT_MAX_LENGTH)
    if values and len(values[0]) > limit:
        return "parameter_too_long", f"{name} has {len(values[0])} characters; at most {limit}."
    return None


def _single(parameters: Parameters, name: str) -> tuple[str | None, tuple[str, str] | None]:
    values = parameters.get(name) or []
    if not values or not values[0]:
        return None, ("missing_parameter", f"{name} is missing.")
    problem = _problem_with(name, values)
    return (values[0] if problem is None else None), problem


def _redirected(
    application: Application,
    redirect_uri: str,
    mode: str,
    state: str | None,
    parameters: Parameters,
    reason: str,
    detail: str,
) -> Refusal:
    return Refusal(
        reason=reason,
        detail=detail,
        parameters=parameters,
        application_id=application.id,
        client_id=application.client_id,
        redirect=ErrorRedirect(redirect_uri, mode, state),
    )
