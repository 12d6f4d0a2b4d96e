"""The developer portal's "new application" form: read, checked field by field, every problem
named in the page's language, and the values kept so that the form comes back filled in."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilag.identity.applications import (
    APP_TYPES,
    MAX_REFRESH_LIFETIME_DAYS,
    REFRESH_USAGES,
)
from bilag.identity.owned_applications import redirect_uri_problems
from bilag.web.forms import Fields, single

# The scopes a developer ticks; offline_access comes from the offline-access switch instead.
SCOPE_CHOICES = ("dineropublicapi:read", "dineropublicapi:write", "openid", "profile", "email")
MAX_NAME = 200
MAX_URIS_TEXT = 8000


@dataclass(frozen=True)
class ApplicationDraft:
    name: str
    app_type: str
    redirect_uris: list[str]
    scopes: list[str]
    offline_access: bool
    refresh_token_usage: str
    refresh_token_lifetime_days: int
    refresh_grace_seconds: int | None


@dataclass
class ApplicationForm:
    """What was sent (to fill the form again), and the errors by field name."""

    name: str = ""
    app_type: str = "web"
    redirect_uris: str = ""
    scopes: list[str] = field(default_factory=lambda: ["dineropublicapi:read"])
    offline_access: bool = True
    refresh_token_usage: str = "one_time"
    refresh_token_lifetime_days: str = str(MAX_REFRESH_LIFETIME_DAYS)
    refresh_grace_seconds: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def read_application_form(
    fields: Fields, texts: dict[str, str]
) -> tuple[ApplicationForm, ApplicationDraft | None]:
    """The form as sent, and the draft to create when nothing is wrong (else None)."""

    def text(name: str, max_length: int = 20) -> str:
        return (single(fields, name, max_length=max_length) or "").strip()

    form = ApplicationForm(
        name=text("name", MAX_NAME * 2),
        app_type=text("app_type"),
        redirect_uris=single(fields, "redirect_uris", max_length=MAX_URIS_TEXT) or "",
        scopes=[s for s in fields.get("scopes", []) if s in SCOPE_CHOICES],
        offline_access=text("offline_access") == "on",
        refresh_token_usage=text("refresh_token_usage"),
        refresh_token_lifetime_days=text("refresh_token_lifetime_days"),
        refresh_grace_seconds=text("refresh_grace_seconds"),
    )
    errors = form.errors
    if not form.name:
        errors["name"] = texts["error_name_missing"]
    elif len(form.name) > MAX_NAME:
        errors["name"] = texts["error_name_long"].format(limit=MAX_NAME)
    if form.app_type not in APP_TYPES:
        errors["app_type"] = texts["error_app_type"]
    uris = [line.strip() for line in form.redirect_uris.splitlines() if line.strip()]
    if form.app_type in APP_TYPES:
        problems = redirect_uri_problems(uris, app_type=form.app_type)
        if problems:
            errors["redirect_uris"] = texts["error_redirect_uris"] + " " + "; ".join(problems)
    unknown = [s for s in fields.get("scopes", []) if s not in SCOPE_CHOICES]
    if unknown:
        errors["scopes"] = texts["error_scope_unknown"].format(scopes=", ".join(unknown))
    elif not form.scopes:
        errors["scopes"] = texts["error_scopes_missing"]
    if form.offline_access and form.app_type == "service":
        errors["offline_access"] = texts["error_offline_service"]
    if form.refresh_token_usage not in REFRESH_USAGES:
        errors["refresh_token_usage"] = texts["error_refresh_usage"]
    lifetime = _whole_number(form.refresh_token_lifetime_days)
    if lifetime is None or not 1 <= lifetime <= MAX_REFRESH_LIFETIME_DAYS:
        errors["refresh_token_lifetime_days"] = texts["error_lifetime"].format(
            limit=MAX_REFRESH_LIFETIME_DAYS
        )
    grace = _whole_number(form.refresh_grace_seconds) if form.refresh_grace_seconds else None
    if form.refresh_grace_seconds and (grace is None or not (grace == 0 or 5 <= grace <= 60)):
        errors["refresh_grace_seconds"] = texts["error_grace"]
    if errors or lifetime is None:
        return form, None
    scopes = [s for s in SCOPE_CHOICES if s in form.scopes]
    if form.offline_access:
        scopes.append("offline_access")
    draft = ApplicationDraft(
        name=form.name,
        app_type=form.app_type,
        redirect_uris=uris,
        scopes=scopes,
        offline_access=form.offline_access,
        refresh_token_usage=form.refresh_token_usage,
        refresh_token_lifetime_days=lifetime,
        refresh_grace_seconds=grace,
    )
    return form, draft


def _whole_number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None
