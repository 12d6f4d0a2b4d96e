"""Webhooks: who listens to which event, the outbox of deliveries, and the engine that sends them.

An event is written to the outbox (`webhook_deliveries`), one row per live subscription, in the
same database as the change that caused it; `WebhookDispatcher.deliver_due` sends what is due over
a `WebhookSender` port (HTTP POST with httpx in the server, anything in tests), records every
attempt, and retries failures with exponential backoff up to `RetryPolicy.max_attempts`.
`WebhookWorker` runs the dispatcher in a background thread. Pending deliveries survive a restart.
"""

from bilag.identity.webhooks.delivery import (
    HttpxSender,
    RetryPolicy,
    SendResult,
    WebhookDispatcher,
    WebhookSender,
    sign,
)
from bilag.identity.webhooks.events import EVENTS, emit_event, record_event
from bilag.identity.webhooks.subscriptions import (
    SubscriptionView,
    list_subscriptions,
    subscribe,
    unsubscribe,
)
from bilag.identity.webhooks.targets import RefusedTarget, literal_refusal, public_address
from bilag.identity.webhooks.worker import PollingWorker, WebhookWorker

__all__ = [
    "EVENTS",
    "HttpxSender",
    "RetryPolicy",
    "SendResult",
    "SubscriptionView",
    "WebhookDispatcher",
    "WebhookSender",
    "PollingWorker",
    "RefusedTarget",
    "WebhookWorker",
    "emit_event",
    "literal_refusal",
    "public_address",
    "list_subscriptions",
    "record_event",
    "sign",
    "subscribe",
    "unsubscribe",
]
