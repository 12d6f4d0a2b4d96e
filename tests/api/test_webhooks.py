"""Webhooks: subscribe, unsubscribe, subscriptions and events; delivery run synchronously.

The app is used without its lifespan (a TestClient outside `with`), so no background worker
competes with the dispatcher the tests drive with their own clock.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.identity.webhooks import HttpxSender, RetryPolicy, WebhookDispatcher, emit_event
from bilag.storage.db import Database
from bilag.storage.models import WebhookAttempt, WebhookDelivery, utcnow
from tests.api.conftest import Minter
from tests.factories import World
from tests.functional.receiver import webhook_receiver

POLICY = RetryPolicy(max_attempts=3, first_delay=timedelta(seconds=10), factor=2)


@pytest.fixture
def hooks(app: Any) -> TestClient:
    return TestClient(app, base_url="http://testserver")


@pytest.fixture
def dispatcher(app: Any) -> Iterator[WebhookDispatcher]:
    sender = HttpxSender(timeout=5, private_targets=True)
    yield WebhookDispatcher(app.state.services.database, sender, POLICY)
    sender.close()


def _subscribe(api: TestClient, org: int, headers: dict[str, str], uri: str, event: str) -> Any:
    body = {"Uri": uri, "EventId": event}
    return api.post(f"/v1/{org}/webhooks/subscribe", json=body, headers=headers)


def test_events_lists_what_one_can_subscribe_to(
    hooks: TestClient, world: World, alice: dict[str, str]
) -> None:
    events = hooks.get(f"/v1/{world.pro_org}/webhooks/events", headers=alice).json()
    ids = {event["EventId"] for event in events}
    assert {"ContactChanged", "VoucherBooked", "LedgerItemBooked"} <= ids
    assert all(event["Description"] for event in events)


def test_subscribe_list_and_unsubscribe(
    hooks: TestClient, world: World, alice: dict[str, str]
) -> None:
    org = world.pro_org
    made = _subscribe(hooks, org, alice, "https://example.com/hook", "contactchanged")
    assert made.status_code == 200
    assert made.json()["EventId"] == "ContactChanged"
    assert made.json()["Secret"].startswith("whsec_")
    listed = hooks.get(f"/v1/{org}/webhooks/subscriptions", headers=alice).json()
    assert [(item["EventId"], item["Uri"]) for item in listed] == [
        ("ContactChanged", "https://example.com/hook")
    ]
    assert "Secret" not in listed[0]
    again = _subscribe(hooks, org, alice, "https://example.com/new", "ContactChanged")
    assert again.json()["Secret"] != made.json()["Secret"]
    listed = hooks.get(f"/v1/{org}/webhooks/subscriptions", headers=alice).json()
    assert [item["Uri"] for item in listed] == ["https://example.com/new"]
    gone = hooks.request(
        "DELETE",
        f"/v1/{org}/webhooks/unsubscribe",
        json={"EventId": "ContactChanged"},
        headers=alice,
    )
    assert gone.status_code == 200
    assert gone.json() == {"EventId": "ContactChanged", "WasSubscribed": True}
    assert hooks.get(f"/v1/{org}/webhooks/subscriptions", headers=alice).json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"Uri": "ftp://example.com/x", "EventId": "ContactChanged"}, "Uri"),
        ({"Uri": "not a url", "EventId": "ContactChanged"}, "Uri"),
        ({"EventId": "ContactChanged"}, "Uri"),
        ({"Uri": "https://example.com", "EventId": "NoSuchEvent"}, "EventId"),
        ({"Uri": "https://example.com", "EventId": 7}, "EventId"),
    ],
)
def test_bad_subscriptions_are_400s_naming_the_field(
    hooks: TestClient, world: World, alice: dict[str, str], body: dict[str, Any], field: str
) -> None:
    response = hooks.post(f"/v1/{world.pro_org}/webhooks/subscribe", json=body, headers=alice)
    assert response.status_code == 400
    assert field in response.json()["validationErrors"]
    assert hooks.get(f"/v1/{world.pro_org}/webhooks/subscriptions", headers=alice).json() == []


def test_another_organizations_subscriptions_are_invisible(
    hooks: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    bob = minter.headers(email=world.bob_email)
    _subscribe(hooks, world.other_org, bob, "https://bob.example/hook", "ContactChanged")
    assert hooks.get(f"/v1/{world.pro_org}/webhooks/subscriptions", headers=alice).json() == []
    refused = hooks.get(f"/v1/{world.other_org}/webhooks/subscriptions", headers=alice)
    assert refused.status_code == 401
    bobs = hooks.get(f"/v1/{world.other_org}/webhooks/subscriptions", headers=bob).json()
    assert len(bobs) == 1


def test_a_delivery_is_signed_with_the_subscription_secret(
    app: Any, hooks: TestClient, world: World, alice: dict[str, str], dispatcher: WebhookDispatcher
) -> None:
    database = app.state.services.database
    with webhook_receiver() as receiver:
        secret = _subscribe(hooks, world.pro_org, alice, receiver.url, "VoucherBooked").json()[
            "Secret"
        ]
        assert emit_event(database, world.pro_org, "VoucherBooked", {"VoucherNumber": 1}) == 1
        assert emit_event(database, world.pro_org, "ContactChanged", {"ContactGuid": "x"}) == 0
        assert dispatcher.deliver_due() == 1
    [got] = receiver.received
    expected = "sha256=" + hmac.new(secret.encode(), got.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(got.headers["x-bilag-signature"], expected)
    payload = orjson.loads(got.body)
    assert payload["EventId"] == got.headers["x-bilag-event"] == "VoucherBooked"
    assert payload["OrganizationId"] == world.pro_org
    assert payload["Data"] == {"VoucherNumber": 1}
    assert payload["EventGuid"] == got.headers["x-bilag-delivery"]


def test_a_receiver_failing_twice_gets_three_attempts(
    app: Any, hooks: TestClient, world: World, alice: dict[str, str], dispatcher: WebhookDispatcher
) -> None:
    database = app.state.services.database
    with webhook_receiver(statuses=[500, 503]) as receiver:
        _subscribe(hooks, world.pro_org, alice, receiver.url, "LedgerItemBooked")
        emit_event(database, world.pro_org, "LedgerItemBooked", {"Id": "a"})
        now = utcnow()
        assert dispatcher.deliver_due(now) == 1
        assert dispatcher.deliver_due(now + timedelta(seconds=9)) == 0  # backing off
        assert dispatcher.deliver_due(now + timedelta(seconds=10)) == 1
        assert dispatcher.deliver_due(now + timedelta(seconds=10 + 19)) == 0
        assert dispatcher.deliver_due(now + timedelta(seconds=10 + 20)) == 1
        assert dispatcher.deliver_due(now + timedelta(days=1)) == 0
    assert len(receiver.received) == 3
    assert len({item.headers["x-bilag-delivery"] for item in receiver.received}) == 1
    with database.read() as session:
        delivery = session.scalars(select(WebhookDelivery)).one()
        attempts = session.scalars(select(WebhookAttempt).order_by(WebhookAttempt.id)).all()
    assert (delivery.state, delivery.attempts) == ("delivered", 3)
    assert [attempt.status_code for attempt in attempts] == [500, 503, 200]
    assert [attempt.error for attempt in attempts] == ["HTTP 500", "HTTP 503", None]


def test_a_delivery_gives_up_after_the_last_attempt(
    app: Any, hooks: TestClient, world: World, alice: dict[str, str], dispatcher: WebhookDispatcher
) -> None:
    database = app.state.services.database
    with webhook_receiver() as receiver:
        url = receiver.url
    _subscribe(hooks, world.pro_org, alice, url, "VoucherBooked")  # nobody listens there now
    emit_event(database, world.pro_org, "VoucherBooked", {})
    now = utcnow()
    for hours in range(3):
        assert dispatcher.deliver_due(now + timedelta(hours=hours)) == 1
    assert dispatcher.deliver_due(now + timedelta(days=2)) == 0
    with database.read() as session:
        delivery = session.scalars(select(WebhookDelivery)).one()
        errors = session.scalars(select(WebhookAttempt.error)).all()
    assert (delivery.state, delivery.attempts) == ("failed", 3)
    assert all(error and "Connect" in error for error in errors)


def test_unsubscribing_stops_deliveries(
    app: Any, hooks: TestClient, world: World, alice: dict[str, str], dispatcher: WebhookDispatcher
) -> None:
    database = app.state.services.database
    with webhook_receiver() as receiver:
        _subscribe(hooks, world.pro_org, alice, receiver.url, "VoucherBooked")
        emit_event(database, world.pro_org, "VoucherBooked", {"n": 1})
        hooks.request(
            "DELETE",
            f"/v1/{world.pro_org}/webhooks/unsubscribe",
            json={"EventId": "VoucherBooked"},
            headers=alice,
        )
        assert emit_event(database, world.pro_org, "VoucherBooked", {"n": 2}) == 0
        assert dispatcher.deliver_due(utcnow() + timedelta(days=1)) == 0
    assert receiver.received == []


def test_pending_deliveries_survive_a_restart(
    app: Any, hooks: TestClient, world: World, alice: dict[str, str], database_url: str
) -> None:
    with webhook_receiver() as receiver:
        _subscribe(hooks, world.pro_org, alice, receiver.url, "VoucherBooked")
        emit_event(app.state.services.database, world.pro_org, "VoucherBooked", {"n": 1})
        app.state.services.database.dispose()  # the first server goes away
        restarted = Database(database_url)
        sender = HttpxSender(timeout=5, private_targets=True)
        try:
            assert WebhookDispatcher(restarted, sender, POLICY).deliver_due() == 1
        finally:
            sender.close()
            restarted.dispose()
    assert [orjson.loads(item.body)["Data"] for item in receiver.received] == [{"n": 1}]


def test_contact_changes_raise_one_event_each_and_refused_changes_none(
    hooks: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    org = world.pro_org
    _subscribe(hooks, org, alice, "https://example.com/hook", "ContactChanged")
    contact = {
        "Name": "Jens",
        "CountryKey": "DK",
        "IsPerson": True,
        "IsMember": False,
        "UseCvr": False,
    }
    created = hooks.post(f"/v1/{org}/contacts", json=contact, headers=alice)
    assert created.status_code == 200, created.text
    guid = created.json()["ContactGuid"]
    url = f"/v1/{org}/contacts/{guid}"
    assert hooks.put(url, json={**contact, "Name": "Jens H"}, headers=alice).status_code == 200
    assert hooks.delete(url, headers=alice).status_code == 200
    refused = hooks.put(url, json=contact, headers=alice)
    assert (refused.status_code, refused.json()["code"]) == (400, 65)
    assert hooks.post(f"{url}/restore", headers=alice).status_code == 200
    with app.state.services.database.read() as session:
        bodies = session.scalars(select(WebhookDelivery.body).order_by(WebhookDelivery.id)).all()
    assert [orjson.loads(body)["Data"]["ContactGuid"] for body in bodies] == [guid] * 4
