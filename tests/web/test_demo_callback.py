"""The demo application's redirect URI shows the code (or error) and how to exchange it."""

from __future__ import annotations

from starlette.testclient import TestClient


def test_query_response_shows_the_code_and_the_token_request(client: TestClient) -> None:
    response = client.get("/demo/callback", params={"code": "c0de", "state": "s1"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert 'id="received-code">c0de<' in response.text
    assert 'id="received-state">s1<' in response.text
    assert "-d code='c0de'" in response.text
    assert "-d redirect_uri='http://testserver/demo/callback'" in response.text
    assert "http://testserver/connect/token" in response.text


def test_form_post_response_is_shown_too(client: TestClient) -> None:
    response = client.post("/demo/callback", data={"code": "posted", "state": "<b>x</b>"})
    assert response.status_code == 200
    assert 'id="received-code">posted<' in response.text
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text and "<b>x</b>" not in response.text


def test_an_error_response_is_shown_as_an_error(client: TestClient) -> None:
    response = client.get(
        "/demo/callback", params={"error": "access_denied", "error_description": "The user said no"}
    )
    assert response.status_code == 400
    assert "access_denied" in response.text and "The user said no" in response.text
    assert "curl" not in response.text


def test_a_repeated_parameter_is_refused(client: TestClient) -> None:
    response = client.get("/demo/callback?code=a&code=b")
    assert response.status_code == 400
    assert "code was sent 2 times" in response.text
