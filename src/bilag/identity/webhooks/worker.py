"""A background thread that keeps draining the webhook outbox while the server runs."""

from __future__ import annotations

import logging
import threading

from bilag.identity.webhooks.delivery import WebhookDispatcher

logger = logging.getLogger("bilag.webhooks")


class WebhookWorker:
    def __init__(self, dispatcher: WebhookDispatcher, poll_seconds: float = 0.5) -> None:
        self.dispatcher = dispatcher
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="bilag-webhooks", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look at the outbox now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.dispatcher.deliver_due(limit=10, stop=self._stop) > 0
            except Exception:  # noqa: BLE001 - the outbox keeps its rows; try again later
                logger.exception("could not deliver webhooks; will retry")
                busy = False
            if not busy:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
