"""The authorize URL, the callback, and the token requests (sans I/O)."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, parse_qsl, urlsplit

import httpx
import pytest

from bilag.client import (
    AuthorizationRevoked,
    CallbackError,
    Endpoints,
    OAuthApp,
    TokenRequestError,
    read_callback,
    start_authorization,
)
from bilag.client._auth import api_key_request, read_token_response, refresh_request

APP = OAuthApp("isv_example", "s3cret:/+", "https://app.example.com/callback")


def test_dinero_is_the_default_and_bilag_one_origin() -> None:
    assert Endpoints().authorize_url == "https://connect.visma.com/connect/authorize"
    assert Endpoints().legacy_token_url == "https://authz.dinero.dk/dineroapi/oauth/token"
    assert Endpoints().api_url == "https://api.dinero.dk"
    local = Endpoints.single_origin("http://127.0.0.1:8000/")
    assert local.token_url == "http://127.0.0.1:8000/connect/token"


@pytest.mark.parametrize("mode", ["query", "form_post"])
def test_the_authorize_url_carries_pkce_s256_state_and_nonce(mode: str) -> None:
    pending = start_authorization(APP, Endpoints(), response_mode=mode)  # type: ignore[arg-type]
    url = urlsplit(pending.url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == Endpoints().authorize_url
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    digest = hashlib.sha256(pending.code_verifier.encode()).digest()
    assert query["code_challenge"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert query["code_challenge_method"] == "S256"
    assert 43 <= len(pending.code_verifier) <= 128
    assert query["state"] == pending.state and query["nonce"] == pending.nonce
    assert query["response_mode"] == mode and query["response_type"] == "code"
    assert query["scope"] == "dineropublicapi:read dineropublicapi:write offline_access"
    assert query["redirect_uri"] == APP.redirect_uri and query["client_id"] == APP.client_id


def test_each_authorization_has_its_own_secrets() -> None:
    first, second = (start_authorization(APP, Endpoints()) for _ in range(2))
    assert first.state != second.state and first.code_verifier != second.code_verifier


def test_query_and_form_post_callbacks_give_the_code() -> None:
    pending = start_authorization(APP, Endpoints())
    url = f"{APP.redirect_uri}?code=abc&state={pending.state}"
    assert read_callback(pending, url=url) == "abc"
    assert read_callback(pending, form={"code": "xyz", "state": pending.state}) == "xyz"


def test_a_callback_with_another_state_is_refused() -> None:
    pending = start_authorization(APP, Endpoints())
    with pytest.raises(CallbackError, match="state"):
        read_callback(pending, form={"code": "abc", "state": pending.state + "x"})
    with pytest.raises(CallbackError, match="state"):
        read_callback(pending, url=f"{APP.redirect_uri}?code=abc")


def test_a_denied_authorization_is_reported() -> None:
    pending = start_authorization(APP, Endpoints())
    form = {"error": "access_denied", "error_description": "the user said no"}
    form["state"] = pending.state
    with pytest.raises(CallbackError, match="access_denied the user said no"):
        read_callback(pending, form=form)


def test_the_legacy_grant_sends_the_key_with_basic_client_authentication() -> None:
    request = api_key_request(APP, Endpoints(), "the-api-key")
    assert str(request.url) == "https://authz.dinero.dk/dineroapi/oauth/token"
    basic = base64.b64decode(request.headers["authorization"].removeprefix("Basic ")).decode()
    assert basic == "isv_example:s3cret%3A%2F%2B"  # form-encoded first (RFC 6749 §2.3.1)
    form = dict(parse_qsl(request.content.decode()))
    assert form == {
        "grant_type": "password",
        "scope": "read write",
        "username": "the-api-key",
        "password": "the-api-key",
    }


def test_refresh_posts_the_client_credentials_in_the_form() -> None:
    form = dict(parse_qsl(refresh_request(APP, Endpoints(), "rt-1").content.decode()))
    assert form["grant_type"] == "refresh_token" and form["refresh_token"] == "rt-1"
    assert form["client_id"] == APP.client_id and form["client_secret"] == APP.client_secret


def test_token_answers() -> None:
    ok = httpx.Response(200, json={"access_token": "a", "refresh_token": "r", "expires_in": 60})
    tokens = read_token_response(ok, 1000.0, refreshing=True)
    assert (tokens.access_token, tokens.refresh_token, tokens.expires_at) == ("a", "r", 1060.0)
    gone = httpx.Response(400, json={"error": "invalid_grant", "error_description": "replayed"})
    with pytest.raises(AuthorizationRevoked, match="authorize this application again"):
        read_token_response(gone, 0.0, refreshing=True)
    with pytest.raises(TokenRequestError) as refused:
        read_token_response(gone, 0.0, refreshing=False)
    assert refused.value.error == "invalid_grant" and refused.value.status_code == 400


def test_the_loopback_login_needs_a_loopback_redirect_uri() -> None:
    from bilag.client import MemoryTokenStore, login_in_browser

    opened: list[str] = []
    with pytest.raises(ValueError, match="127.0.0.1:PORT"):
        login_in_browser(APP, MemoryTokenStore(), open_browser=opened.append)
    assert opened == []
