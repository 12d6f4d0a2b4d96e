"""GET /.well-known/openid-configuration and its JWKS, at Visma Connect's paths."""

from __future__ import annotations

import httpx
from starlette.testclient import TestClient


def test_discovery_advertises_visma_paths_and_our_capabilities(client: TestClient) -> None:
    response = client.get("/.well-known/openid-configuration")
    assert response.status_code == 200
    document = response.json()
    issuer = "http://testserver"
    assert document["issuer"] == issuer
    for name, path in {
        "authorization_endpoint": "/connect/authorize",
        "token_endpoint": "/connect/token",
        "userinfo_endpoint": "/connect/userinfo",
        "end_session_endpoint": "/connect/endsession",
        "revocation_endpoint": "/connect/revocation",
        "introspection_endpoint": "/connect/introspect",
        "jwks_uri": "/.well-known/openid-configuration/jwks",
    }.items():
        assert document[name] == issuer + path
    assert document["response_modes_supported"] == ["query", "form_post"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["token_endpoint_auth_methods_supported"] == [
        "client_secret_basic",
        "client_secret_post",
    ]
    assert document["authorization_response_iss_parameter_supported"] is True
    assert {"dineropublicapi:read", "dineropublicapi:write", "offline_access", "openid"} <= set(
        document["scopes_supported"]
    )
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert "client_credentials" not in document["grant_types_supported"]


def test_jwks_serves_public_rsa_keys_only(client: TestClient) -> None:
    keys = client.get("/.well-known/openid-configuration/jwks").json()["keys"]
    assert len(keys) == 1
    key = keys[0]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig" and key["kid"]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def test_discovery_over_real_http_uses_the_servers_own_issuer(live_http: httpx.Client) -> None:
    document = live_http.get("/.well-known/openid-configuration").json()
    assert document["issuer"] == str(live_http.base_url).rstrip("/")
    assert live_http.get(document["jwks_uri"]).json()["keys"]
