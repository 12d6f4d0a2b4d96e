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

from bilag.identity.webhooks import record_event
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


class LedgerItemBooker:
    """Runs `book_pending` in a thread: at once when woken, else every `poll_seconds`."""

    def __init__(
        self,
        database: Database,
        poll_seconds: float = 1.0,
        after_booking: Callable[[], None] | None = None,
    ) -> None:
        self.database = database
        self.poll_seconds = poll_seconds
        self.after_booking = after_booking
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="bilag-ledger-items", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if book_pending(self.database) and self.after_booking is not None:
                    self.after_booking()
            except Exception:  # noqa: BLE001 - the batch stays pending; try again later
                logger.exception("could not book ledger items; will retry")
            self._wake.wait(self.poll_seconds)


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
