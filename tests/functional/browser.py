"""A user in a browser: follows the identity provider's redirects, logs in through the real
login form and answers the real consent form, until the provider sends them back to the client."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from tests.functional.forms import forms_in, submit


@dataclass(frozen=True)
class Callback:
    """Where the provider sent the user back: a redirect URL (query) or a posted form."""

    url: str
    form: dict[str, str] | None = None


def authorize(
    browser: httpx.Client,
    authorize_url: str,
    *,
    redirect_uri: str,
    email: str,
    password: str,
    accept: bool = True,
    max_steps: int = 12,
) -> Callback:
    response = browser.get(authorize_url)
    for _ in range(max_steps):
        if response.is_redirect:
            location = urljoin(str(response.url), response.headers["location"])
            if location.startswith(redirect_uri):
                return Callback(url=location)
            response = browser.get(location)
            continue
        assert response.status_code == 200, (response.status_code, response.text[:2000])
        forms = forms_in(response.text)
        posted_back = [f for f in forms if f.action.startswith(redirect_uri)]
        if posted_back:
            return Callback(url=posted_back[0].action, form=posted_back[0].fields)
        if any(i.get("type") == "password" for f in forms for i in f.inputs):
            response = submit(browser, response, email=email, password=password)
        else:
            response = submit(browser, response, button="accept" if accept else "deny")
    raise AssertionError(f"the provider never sent the user back; last page {response.url}")
