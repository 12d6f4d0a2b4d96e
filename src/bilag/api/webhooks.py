"""Webhooks (reference §2.13, §7.5): subscribe, unsubscribe, subscriptions and events.

Dinero documents only the four paths and the two request bodies; bilag's choices:
- a subscription belongs to (organization, client id, EventId); subscribing again re-points it
  to the new `Uri` and answers a new `Secret`, which is shown only in that answer;
- `Uri` must be an absolute http or https URL, and outside sandbox mode (unless
  `BILAG_WEBHOOK_PRIVATE_TARGETS` is set) it may not name this machine or a private address;
  deliveries go to public addresses only (`identity.webhooks.targets`);
- unsubscribing drops deliveries not yet made, and answers 200 whether or not there was one;
- subscriptions and events are lists of PascalCase objects.
The worker that sends deliveries runs in a thread for as long as the app runs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, Depends, FastAPI, Path, Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, bind_object, read_json_body
from bilag.api.errors import DineroRoute, validation_failure
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.identity.webhooks import (
    EVENTS,
    HttpxSender,
    WebhookDispatcher,
    WebhookWorker,
    list_subscriptions,
    literal_refusal,
    subscribe,
    unsubscribe,
)

router = APIRouter(route_class=DineroRoute, tags=["Webhooks"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]

EVENT_IDS = tuple(EVENTS)
_EVENT = Prop("EventId", required=True, choices=EVENT_IDS)
_SUBSCRIBE = (Prop("Uri", required=True, max_length=2000), _EVENT)


def _body_schema(properties: dict[str, Any]) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


_EVENT_SCHEMA = {"type": ["null", "string"], "enum": [*EVENT_IDS, None]}


def _check_uri(uri: str, private_targets: bool) -> str:
    uri = uri.strip()
    try:
        parts = urlsplit(uri)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        valid = False
    if not valid or any(character.isspace() for character in uri):
        message = f"Uri must be an absolute http or https URL, not '{uri}'."
        raise validation_failure({"Uri": message})
    refusal = None if private_targets else literal_refusal(parts.hostname or "")
    if refusal is not None:
        message = f"Uri must reach a public address: {refusal}."
        raise validation_failure({"Uri": message})
    return uri


@router.post(
    "/v1/{organizationId}/webhooks/subscribe",
    summary="Subscribe to webhook",
    responses=ERROR_RESPONSES,
    openapi_extra=_body_schema(
        {"Uri": {"type": ["null", "string"], "format": "uri"}, "EventId": _EVENT_SCHEMA}
    ),
)
def subscribe_to_webhook(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), _SUBSCRIBE)
    services = request.app.state.services
    uri = _check_uri(values["Uri"], services.settings.webhooks_reach_private_addresses)
    database = services.database
    client_id = access.principal.client_id
    secret = subscribe(database, access.organization_id, client_id, values["EventId"], uri)
    return json_response({"EventId": values["EventId"], "Uri": uri, "Secret": secret})


@router.delete(
    "/v1/{organizationId}/webhooks/unsubscribe",
    summary="Unsubscribe specific webhook event",
    responses=ERROR_RESPONSES,
    openapi_extra=_body_schema({"EventId": _EVENT_SCHEMA}),
)
def unsubscribe_from_webhook(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    event_id = bind_object(body.object(), (_EVENT,))["EventId"]
    database = request.app.state.services.database
    ended = unsubscribe(database, access.organization_id, access.principal.client_id, event_id)
    return json_response({"EventId": event_id, "WasSubscribed": ended})


@router.get(
    "/v1/{organizationId}/webhooks/subscriptions",
    summary="Get active webhook subscriptions for an organization",
    responses=ERROR_RESPONSES,
)
def webhook_subscriptions(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    database = request.app.state.services.database
    found = list_subscriptions(database, access.organization_id, access.principal.client_id)
    return json_response(
        [
            {
                "EventId": item.event_id,
                "Uri": item.uri,
                "CreatedAt": item.created_at.strftime("%Y-%m-%dT%H:%M:%S"),
            }
            for item in found
        ]
    )


@router.get(
    "/v1/{organizationId}/webhooks/events",
    summary="Get list of available webhook events to subscribe to for an organization",
    responses=ERROR_RESPONSES,
)
def webhook_events(request: Request, organization_id: OrganizationId) -> Response:
    require_organization(request, organization_id)
    return json_response(
        [{"EventId": event_id, "Description": text} for event_id, text in EVENTS.items()]
    )


def wake_webhooks(request: Request) -> None:
    """Nudge the worker after a transaction that recorded events, rather than wait for its poll."""
    worker: WebhookWorker | None = getattr(request.app.state, "webhook_worker", None)
    if worker is not None:
        worker.wake()


def install_worker(app: FastAPI) -> None:
    """Run a WebhookWorker while the app runs; it stops before the database is closed."""
    original = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running_app: Any) -> AsyncIterator[Any]:
        async with original(running_app) as lifespan_state:
            settings = app.state.services.settings
            sender = HttpxSender(private_targets=settings.webhooks_reach_private_addresses)
            worker = WebhookWorker(WebhookDispatcher(app.state.services.database, sender))
            app.state.webhook_worker = worker
            worker.start()
            try:
                yield lifespan_state
            finally:
                app.state.webhook_worker = None
                await anyio.to_thread.run_sync(worker.stop)
                sender.close()

    app.router.lifespan_context = lifespan
