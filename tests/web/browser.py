"""A tiny browser for the identity provider's pages: an httpx client with cookies that reads
forms (hidden fields included) from the HTML and submits them, following redirects by hand."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.factories import World

CHALLENGE = "E9Melhoe2OwvFrEMTJguCQaoSDhK4aQQ9VRI6nLl3kY"
VERIFIER = "dBjftJeZ4CVP-mJ92K9TWgJxYd2rG5yiqnoRtG7qJQ8"  # RFC 7636 appendix B


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append({"action": values.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and "name" in values:
            fields = self.forms[-1]["fields"]
            assert isinstance(fields, dict)
            fields[values["name"]] = values.get("value", "")


def forms(html: str) -> dict[str, dict[str, str]]:
    """{form action: {field name: value}} of every form on the page."""
    parser = _Forms()
    parser.feed(html)
    return {str(form["action"]): dict(form["fields"]) for form in parser.forms}  # type: ignore[call-overload]


def query_of(location: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(location).query, keep_blank_values=True)


class Browser:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)

    def close(self) -> None:
        self.client.close()

    def authorize(self, world: World, **overrides: str) -> httpx.Response:
        parameters = {
            "client_id": world.client_id,
            "redirect_uri": world.redirect_uri,
            "response_type": "code",
            "scope": "dineropublicapi:read dineropublicapi:write offline_access",
            "state": "st-1",
        }
        parameters.update(overrides)
        return self.client.get("/connect/authorize", params=parameters)

    def follow(self, response: httpx.Response) -> httpx.Response:
        assert response.status_code in (302, 303), (response.status_code, response.text)
        location = response.headers["location"]
        assert location.startswith("/"), location  # never leave the server by accident
        return self.client.get(location)

    def log_in(self, login_page: httpx.Response, email: str, password: str) -> httpx.Response:
        """Submit the login form on `login_page` (CSRF and return_to as the page has them)."""
        fields = forms(login_page.text)["/connect/login"]
        fields.update(email=email, password=password)
        return self.client.post("/connect/login", data=fields)

    def log_in_through(
        self, authorize_response: httpx.Response, world: World, email: str | None = None
    ) -> httpx.Response:
        """From an authorize response that sent us to login, to the consent page."""
        login_page = self.follow(authorize_response)
        logged_in = self.log_in(login_page, email or world.alice_email, world.password)
        assert logged_in.status_code == 303, logged_in.text
        return self.follow(logged_in)

    def decide(self, consent_page: httpx.Response, decision: str) -> httpx.Response:
        fields = forms(consent_page.text)["/connect/consent"]
        fields["decision"] = decision
        return self.client.post("/connect/consent", data=fields)

    def switch_account(self, consent_page: httpx.Response) -> httpx.Response:
        fields = forms(consent_page.text)["/connect/logout"]
        return self.client.post("/connect/logout", data=fields)
