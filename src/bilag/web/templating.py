"""The Jinja2 environment, the page texts in Danish and English, and `page()` which renders a
template into a response with the security headers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bilag.web.security import secure

environment = Environment(
    loader=PackageLoader("bilag.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

LANGUAGES = ("en", "da")
LANGUAGE_COOKIE = "bilag_lang"
APP_LANGUAGE = "da"  # the bookkeeping pages and the portal are Danish unless toggled

Texts = dict[str, dict[str, str]]

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "login_title": "Log in",
        "email": "E-mail",
        "password": "Password",
        "login_button": "Log in",
        "login_failed": "Wrong e-mail or password.",
        "login_throttled": "Too many failed logins. Wait 15 minutes and try again.",
        "logged_in_as": "Logged in as",
        "logout_button": "Log out",
        "consent_title": "Allow access",
        "consent_intro": "wants access to your account. It will be able to:",
        "accept": "Accept",
        "deny": "Deny",
        "not_you": "Not you?",
        "switch_account": "Log out / switch account",
        "logged_out_title": "You are logged out",
        "logged_out_text": "You have been logged out. You can close this window.",
        "continue": "Continue",
        "noscript": "JavaScript is off. Press Continue to return to the application.",
    },
    "da": {
        "login_title": "Log ind",
        "email": "E-mail",
        "password": "Adgangskode",
        "login_button": "Log ind",
        "login_failed": "Forkert e-mail eller adgangskode.",
        "login_throttled": "For mange mislykkede login. Vent 15 minutter, og prøv igen.",
        "logged_in_as": "Logget ind som",
        "logout_button": "Log ud",
        "consent_title": "Giv adgang",
        "consent_intro": "vil gerne have adgang til din konto. Den vil kunne:",
        "accept": "Tillad",
        "deny": "Afvis",
        "not_you": "Ikke dig?",
        "switch_account": "Log ud / skift konto",
        "logged_out_title": "Du er logget ud",
        "logged_out_text": "Du er nu logget ud. Du kan lukke vinduet.",
        "continue": "Fortsæt",
        "noscript": "JavaScript er slået fra. Tryk Fortsæt for at vende tilbage til programmet.",
    },
}

SCOPE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "dineropublicapi:read": "Read your bookkeeping in Dinero: organizations, contacts, "
        "invoices, vouchers and accounts",
        "dineropublicapi:write": "Create and change bookkeeping in Dinero: contacts, invoices, "
        "vouchers and ledger items",
        "offline_access": "Keep this access when you are not logged in, until you revoke it",
        "openid": "Know who you are (your user id)",
        "profile": "See your name",
        "email": "See your e-mail address",
    },
    "da": {
        "dineropublicapi:read": "Læse dit regnskab i Dinero: virksomheder, kontakter, fakturaer, "
        "bilag og konti",
        "dineropublicapi:write": "Oprette og ændre i dit regnskab i Dinero: kontakter, fakturaer, "
        "bilag og kassekladde",
        "offline_access": "Beholde adgangen, når du ikke er logget ind, indtil du trækker den "
        "tilbage",
        "openid": "Vide hvem du er (dit bruger-id)",
        "profile": "Se dit navn",
        "email": "Se din e-mailadresse",
    },
}


def language_for(ui_locales: Iterable[str] = (), accept_language: str = "") -> str:
    """The first of `ui_locales`, then of Accept-Language, that we speak; English otherwise."""
    tags = list(ui_locales) + [part.split(";")[0] for part in accept_language.split(",")]
    for tag in tags:
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES:
            return primary
    return "en"


def scope_labels(scopes: Iterable[str], language: str) -> list[str]:
    labels = SCOPE_LABELS[language]
    return [labels.get(scope, scope) for scope in scopes]


def page(
    template: str,
    *,
    status_code: int = 200,
    language: str = "en",
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """Render `connect/<template>` as a secured HTML response."""
    html = environment.get_template(f"connect/{template}").render(
        language=language, t=TEXTS[language], **context
    )
    return secure(HTMLResponse(html, status_code=status_code, headers=headers))


def language_of(request: Request) -> str:
    """The language the visitor chose with the toggle, else Danish, as Dinero's pages are."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in LANGUAGES else APP_LANGUAGE


def render(
    template: str,
    *,
    language: str,
    texts: Sequence[Texts],
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """Render `template` with `t`: the texts of `language`, later ones overriding earlier."""
    merged: dict[str, str] = {}
    for part in texts:
        merged.update(part[language])
    html = environment.get_template(template).render(language=language, t=merged, **context)
    return secure(HTMLResponse(html, status_code=status_code, headers=headers))
