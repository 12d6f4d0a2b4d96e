"""Error answers become errors that say what to do."""

from __future__ import annotations

import httpx
import pytest

from bilag.client import (
    Client,
    DineroError,
    NoAccessError,
    NotProError,
    StaleVersionError,
)
from tests.client.fake_dinero import FakeClock, FakeDinero, json_route

GUID = "6c4b0c4e-8a3e-4f43-9a43-1b2f0e3c9d10"
PATH = f"/v1/8/contacts/{GUID}"


def get_contact_answered(
    response: httpx.Response,
) -> tuple[Client, pytest.ExceptionInfo[DineroError]]:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", PATH)] = lambda _request: response
    tokens = dinero.issue(expires_at=clock.now + 3600)
    client = Client(dinero.credentials(tokens, clock=clock), transport=dinero.transport())
    with pytest.raises(DineroError) as raised:
        client.books(8).contacts.get(GUID)
    return client, raised


def test_401_explains_the_faqs_two_causes() -> None:
    client, raised = get_contact_answered(
        httpx.Response(401, headers={"WWW-Authenticate": "Bearer"})
    )
    assert isinstance(raised.value, NoAccessError)
    message = str(raised.value)
    assert "organization 8" in message and "client.organizations()" in message
    assert "another Visma profile" in message
    assert client.counters.errors_by_status == {401: 1} and client.counters.calls == 1


def test_403_code_90_points_to_is_pro() -> None:
    body = {"code": 90, "message": "No active Pro subscription"}
    client, raised = get_contact_answered(httpx.Response(403, json=body))
    assert isinstance(raised.value, NotProError) and "is_pro" in str(raised.value)
    assert client.counters.errors_by_code == {90: 1}


def test_other_errors_carry_code_message_and_validation_errors() -> None:
    body = {"code": 42, "message": "Validation Error", "validationErrors": {"Name": "required"}}
    _client, raised = get_contact_answered(httpx.Response(400, json=body))
    error = raised.value
    assert type(error) is DineroError
    assert (error.status, error.code, error.validation_errors) == (400, 42, {"Name": "required"})
    assert "Name: required" in str(error) and error.request.url.path == PATH


def test_code_58_is_a_stale_version() -> None:
    body = {"code": 58, "message": "Timestamp out of date"}
    _client, raised = get_contact_answered(httpx.Response(400, json=body))
    assert isinstance(raised.value, StaleVersionError)


def test_a_body_that_is_not_json_still_gives_a_readable_error() -> None:
    _client, raised = get_contact_answered(httpx.Response(404, text="<html>Not Found</html>"))
    assert raised.value.code is None and "Not Found" in str(raised.value)


def test_a_403_without_code_90_is_not_about_pro() -> None:
    body = {"code": 41, "message": "The access token does not allow writing"}
    _client, raised = get_contact_answered(httpx.Response(403, json=body))
    assert type(raised.value) is DineroError


def test_successful_calls_count_no_errors() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    dinero.routes[("GET", PATH)] = json_route({"ContactGuid": GUID, "Name": "A"})
    tokens = dinero.issue(expires_at=clock.now + 3600)
    client = Client(dinero.credentials(tokens, clock=clock), transport=dinero.transport())
    client.books(8).contacts.get(GUID)
    assert client.counters.calls == 1 and not client.counters.errors_by_status
