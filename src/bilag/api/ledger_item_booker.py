"""The background booker of ledger items: books each batch that `book` left PENDING.

A batch is booked in one write transaction, items in ledger order, with its webhook event
"LedgerItemBooked" recorded in that same transaction. Batches are found in the database, so a
restart picks up what was pending, and several workers may run: under the organization's lock
only items still PENDING at the batch's Version are taken, so a batch is booked once. A batch that
can no longer be booked (a requested number taken meanwhile, say) goes back to Draft.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI

from bilag.identity.webhooks import PollingWorker, record_event
from bilag.ledger.errors import LedgerError
from bilag.storage.db import Database
from bilag.storage.ledger_item_booking import book_batch, pending_batches, return_to_draft

logger = logging.getLogger("bilag.ledger_items")
EVENT = "LedgerItemBooked"


def book_one_batch(database: Database, organization_id: int, version: str) -> bool:
    """Book the batch; False when there was nothing left to book or it went back to Draft."""
    try:
        with database.write() as session:
            items = book_batch(session, organization_id, version)
            if not items:
                return False
            data = {
                "LedgerItems": [
                    {"Id": item.guid, "Version": item.timestamp, "VoucherNumber": item.number}
                    for item in items
                ]
            }
            record_event(session, organization_id, EVENT, data)
            return True
    except LedgerError as problem:
        with database.write() as session:
            returned = return_to_draft(session, organization_id, version)
        logger.warning("ledger items %s could not be booked: %s", returned, problem)
        return False


def book_pending(database: Database) -> int:
    """Book every pending batch now; how many were booked by this call."""
    with database.read() as session:
        batches = pending_batches(session)
    return sum(book_one_batch(database, org, version) for org, version in batches)


class LedgerItemBooker(PollingWorker):
    """Runs `book_pending`: at once when woken, else every `poll_seconds`."""

    name = "bilag-ledger-items"

    def __init__(
        self,
        database: Database,
        poll_seconds: float = 1.0,
        after_booking: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(poll_seconds)
        self.database = database
        self.after_booking = after_booking

    def work(self, stop: threading.Event) -> bool:
        booked = book_pending(self.database)
        if booked and self.after_booking is not None:
            self.after_booking()
        return booked > 0


def wake_booker(app: Any) -> None:
    booker: LedgerItemBooker | None = getattr(app.state, "ledger_item_booker", None)
    if booker is not None:
        booker.wake()


def install_booker(app: FastAPI) -> None:
    """Run a LedgerItemBooker while the app runs; it stops before the database is closed."""
    original = app.router.lifespan_context

    def wake_webhooks() -> None:
        worker = getattr(app.state, "webhook_worker", None)
        if worker is not None:
            worker.wake()

    @asynccontextmanager
    async def lifespan(running_app: Any) -> AsyncIterator[Any]:
        async with original(running_app) as lifespan_state:
            booker = LedgerItemBooker(app.state.services.database, after_booking=wake_webhooks)
            app.state.ledger_item_booker = booker
            booker.start()
            try:
                yield lifespan_state
            finally:
                app.state.ledger_item_booker = None
                await anyio.to_thread.run_sync(booker.stop)

    app.router.lifespan_context = lifespan
