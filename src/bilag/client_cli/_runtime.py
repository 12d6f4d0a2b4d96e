"""The state one invocation shares: the resolved settings, and the SDK client built from them."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from bilag.client import (
    ApiKeyCredentials,
    Client,
    Credentials,
    Endpoints,
    FileRateLimiter,
    FileTokenStore,
    OAuthApp,
    OAuthCredentials,
)
from bilag.client_cli._profile import Profile, default_token_file, profile_path

NO_APP = (
    "no {what}: give --{option} or set {env} (your application's, from Visma Connect's "
    "developer portal, or `bilag demo --json` on a bilag server), or run `bilag-client login`"
)
NO_ORG = (
    "no organization: give --org ID (or set BILAG_CLIENT_ORG), or run `bilag-client login` to "
    "choose a default; `bilag-client orgs` lists the ones you can reach"
)


@dataclass
class Runtime:
    """`ctx.obj`. Tests pass one with `open_browser` set to drive the login without a browser."""

    open_browser: Callable[[str], object] = webbrowser.open
    token_file: Path = field(default_factory=default_token_file)
    base_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    api_key: str | None = None
    profile: Profile = field(default_factory=Profile)

    def configure(
        self,
        token_file: Path | None,
        base_url: str | None,
        client_id: str | None,
        client_secret: str | None,
        api_key: str | None,
    ) -> None:
        """Options and environment first, then the profile `login` saved."""
        if token_file is not None:
            self.token_file = token_file.expanduser()
        self.profile = Profile.load(self.profile_file)
        self.base_url = base_url or self.profile.base_url
        self.client_id = client_id or self.profile.client_id
        self.client_secret = client_secret or self.profile.client_secret
        self.api_key = api_key or self.profile.api_key

    @property
    def profile_file(self) -> Path:
        return profile_path(self.token_file)

    def endpoints(self) -> Endpoints:
        return Endpoints.single_origin(self.base_url) if self.base_url else Endpoints()

    def app(self, redirect_uri: str = "") -> OAuthApp:
        if not self.client_id:
            what = NO_APP.format(what="client id", option="client-id", env="BILAG_CLIENT_ID")
            raise click.UsageError(what)
        if not self.client_secret:
            what = NO_APP.format(
                what="client secret", option="client-secret", env="BILAG_CLIENT_SECRET"
            )
            raise click.UsageError(what)
        return OAuthApp(self.client_id, self.client_secret, redirect_uri)

    def credentials(self) -> Credentials:
        app = self.app()
        if self.api_key:
            return ApiKeyCredentials(app, self.api_key, endpoints=self.endpoints())
        store = FileTokenStore(self.token_file)
        return OAuthCredentials(app, store, endpoints=self.endpoints())

    def client(self) -> Client:
        """A client whose rate-limit windows live beside the token file, so that every
        bilag-client process (and any script using the same store) shares them."""
        limiter = FileRateLimiter(self.token_file.parent)
        return Client(self.credentials(), endpoints=self.endpoints(), rate_limiter=limiter)

    def organization(self, given: int | None) -> int:
        chosen = given if given is not None else self.profile.organization
        if chosen is None:
            raise click.UsageError(NO_ORG)
        return chosen


pass_runtime = click.make_pass_decorator(Runtime, ensure=True)
