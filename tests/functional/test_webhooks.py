"""Webhooks end to end over HTTP: a real server, its background worker and a real receiver.

The integrator gets a token with the legacy API-key grant, subscribes a local receiver to
ContactChanged, creates a contact (with an Idempotency-Key, retried), and the receiver gets one
signed event that verifies with the secret from subscribe.
"""

from __future__ import annotations

import hashlib
import hmac

import httpx
import orjson
import pytest

from bilag.storage.db import Database
from tests.factories import World, make_world
from tests.functional.receiver import webhook_receiver

PEPPER = "bilag-dev-pepper"
CONTACT = {"Name": "Jens Hansen", "CountryKey": "DK", "IsPerson": True, "IsMember": False}


@pytest.fixture
def world(live_server: str, database_url: str) -> World:
    database = Database(database_url)
    try:
        return make_world(database, pepper=PEPPER)
    finally:
        database.dispose()


def _token(http: httpx.Client, world: World, organization_id: int) -> str:
    key = world.api_keys[organization_id]
    response = http.post(
        "/dineroapi/oauth/token",
        data={"grant_type": "password", "username": key, "password": key, "scope": "read write"},
        auth=(world.client_id, world.client_secret),
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_a_created_contact_reaches_the_subscriber_signed(live_server: str, world: World) -> None:
    org = world.pro_org
    with httpx.Client(base_url=live_server, timeout=30) as http, webhook_receiver() as receiver:
        headers = {"Authorization": f"Bearer {_token(http, world, org)}"}
        subscribed = http.post(
            f"/v1/{org}/webhooks/subscribe",
            json={"Uri": receiver.url, "EventId": "ContactChanged"},
            headers=headers,
        )
        assert subscribed.status_code == 200, subscribed.text
        secret = subscribed.json()["Secret"]
        keyed = {**headers, "Idempotency-Key": "create-jens"}
        created = http.post(f"/v1/{org}/contacts", json={**CONTACT, "UseCvr": False}, headers=keyed)
        retried = http.post(f"/v1/{org}/contacts", json={**CONTACT, "UseCvr": False}, headers=keyed)
        assert created.status_code == retried.status_code == 200
        assert retried.json() == created.json()
        [event] = receiver.wait_for(1)
    signature = "sha256=" + hmac.new(secret.encode(), event.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(event.headers["x-bilag-signature"], signature)
    payload = orjson.loads(event.body)
    assert payload["EventId"] == "ContactChanged"
    assert payload["OrganizationId"] == org
    assert payload["Data"]["ContactGuid"] == created.json()["ContactGuid"]
    assert len(receiver.received) == 1
