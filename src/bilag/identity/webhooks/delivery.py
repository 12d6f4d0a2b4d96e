"""Sending due deliveries: the sender port, the signature, and retries with backoff.

Every delivery is an HTTP POST of the event's JSON with these headers:
- `X-Bilag-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body bytes, keyed with the
  subscription's secret (as returned by subscribe);
- `X-Bilag-Event`: the event id; `X-Bilag-Delivery`: the event guid, the same on every retry, so
  that a receiver can drop duplicates.
A 2xx answer delivers it. Anything else, or no answer, is an attempt that failed: the next comes
after `first_delay * factor ** (attempts - 1)`, and after `max_attempts` the delivery is `failed`.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import httpx
from sqlalchemy import select, update

from bilag.identity.webhooks.targets import RefusedTarget, Resolver, public_address, resolve
from bilag.storage.db import Database
from bilag.storage.models import WebhookAttempt, WebhookDelivery, WebhookSubscription, utcnow

SIGNATURE_HEADER = "X-Bilag-Signature"


@dataclass(frozen=True)
class SendResult:
    status_code: int | None
    error: str | None = None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookSender(Protocol):
    def send(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult: ...


class HttpxSender:
    """POSTs with httpx; never follows redirects, gives up on a receiver after `timeout` s.
    Unless `private_targets`, it sends only to public addresses (see `targets`)."""

    def __init__(
        self, timeout: float = 10.0, *, private_targets: bool = False, resolver: Resolver = resolve
    ) -> None:
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)
        self.private_targets = private_targets
        self.resolver = resolver

    def send(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        try:
            request = self._request(url, body, headers)
            response = self.client.send(request)
        except RefusedTarget as refused:
            return SendResult(None, f"Refused: {refused}"[:1000])
        except (httpx.HTTPError, httpx.InvalidURL) as problem:
            return SendResult(None, f"{type(problem).__name__}: {problem}"[:1000])
        error = None if response.is_success else f"HTTP {response.status_code}"
        return SendResult(response.status_code, error)

    def _request(self, url: str, body: bytes, headers: dict[str, str]) -> httpx.Request:
        target = httpx.URL(url)
        if self.private_targets:
            return self.client.build_request("POST", target, content=body, headers=headers)
        host = target.raw_host.decode("ascii")
        port = target.port or (443 if target.scheme == "https" else 80)
        address = public_address(host, port, self.resolver)
        return self.client.build_request(
            "POST",
            target.copy_with(host=address),
            content=body,
            headers={**headers, "Host": target.netloc.decode("ascii")},
            extensions={"sni_hostname": host},
        )

    def close(self) -> None:
        self.client.close()


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    first_delay: timedelta = timedelta(seconds=10)
    factor: int = 3
    # How long a claimed delivery stays hidden from other workers while it is being sent.
    lease: timedelta = timedelta(seconds=60)

    def delay_after(self, attempts: int) -> timedelta:
        return self.first_delay * int(self.factor ** max(attempts - 1, 0))


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class _Due:
    delivery_id: int
    attempts: int
    event_id: str
    event_guid: str
    body: str
    uri: str
    secret: str


class WebhookDispatcher:
    def __init__(
        self, database: Database, sender: WebhookSender, policy: RetryPolicy | None = None
    ) -> None:
        self.database = database
        self.sender = sender
        self.policy = policy or RetryPolicy()

    def deliver_due(
        self, now: datetime | None = None, limit: int = 50, stop: threading.Event | None = None
    ) -> int:
        """Send every delivery due at `now` (at most `limit`); returns how many were tried.

        Once `stop` is set the rest are left; they are tried again when their lease runs out.
        """
        now = now or utcnow()
        due = self._claim(now, limit)
        for delivery in due:
            if stop is not None and stop.is_set():
                break
            body = delivery.body.encode()
            headers = {
                "Content-Type": "application/json",
                "User-Agent": "bilag-webhooks/1",
                SIGNATURE_HEADER: sign(delivery.secret, body),
                "X-Bilag-Event": delivery.event_id,
                "X-Bilag-Delivery": delivery.event_guid,
            }
            result = self.sender.send(delivery.uri, body, headers)
            self._record(delivery, result, now)
        return len(due)

    def _any_due(self, now: datetime) -> bool:
        with self.database.read() as session:
            return (
                session.scalar(
                    select(WebhookDelivery.id)
                    .where(
                        WebhookDelivery.state == "pending", WebhookDelivery.next_attempt_at <= now
                    )
                    .limit(1)
                )
                is not None
            )

    def _claim(self, now: datetime, limit: int) -> list[_Due]:
        # A read first, so that an idle worker never takes SQLite's write lock.
        if not self._any_due(now):
            return []
        with self.database.write() as session:
            rows = session.execute(
                select(
                    WebhookDelivery.id,
                    WebhookDelivery.attempts,
                    WebhookDelivery.event_id,
                    WebhookDelivery.event_guid,
                    WebhookDelivery.body,
                    WebhookSubscription.uri,
                    WebhookSubscription.secret,
                )
                .join(
                    WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id
                )
                .where(WebhookDelivery.state == "pending", WebhookDelivery.next_attempt_at <= now)
                .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
                .limit(limit)
                .with_for_update(skip_locked=True, of=WebhookDelivery)
            ).all()
            if rows:
                session.execute(
                    update(WebhookDelivery)
                    .where(WebhookDelivery.id.in_([row[0] for row in rows]))
                    .values(next_attempt_at=now + self.policy.lease)
                )
        return [_Due(*row) for row in rows]

    def _record(self, delivery: _Due, result: SendResult, now: datetime) -> None:
        attempts = delivery.attempts + 1
        values: dict[str, object] = {"attempts": attempts}
        if result.delivered:
            values.update(state="delivered", finished_at=now)
        elif attempts >= self.policy.max_attempts:
            values.update(state="failed", finished_at=now)
        else:
            values.update(next_attempt_at=now + self.policy.delay_after(attempts))
        with self.database.write() as session:
            session.add(
                WebhookAttempt(
                    delivery_id=delivery.delivery_id,
                    attempted_at=utcnow(),
                    status_code=result.status_code,
                    error=result.error,
                )
            )
            session.execute(
                update(WebhookDelivery)
                .where(
                    WebhookDelivery.id == delivery.delivery_id, WebhookDelivery.state == "pending"
                )
                .values(**values)
            )
