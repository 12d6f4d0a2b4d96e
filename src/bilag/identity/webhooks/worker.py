"""Background threads that poll for work while the server runs: the webhook outbox here, and
whatever else subclasses `PollingWorker`."""

from __future__ import annotations

import logging
import threading

from bilag.identity.webhooks.delivery import WebhookDispatcher

logger = logging.getLogger("bilag.webhooks")


class PollingWorker:
    """Runs `work()` in a daemon thread: again at once while it reports it was busy, at once
    when woken, and otherwise every `poll_seconds`. A failure is logged and retried."""

    name = "bilag-worker"

    def __init__(self, poll_seconds: float) -> None:
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def work(self, stop: threading.Event) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look for work now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.work(self._stop)
            except Exception:  # noqa: BLE001 - the work stays in the database; try again later
                logger.exception("%s failed; will retry", self.name)
                busy = False
            if not busy:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()


class WebhookWorker(PollingWorker):
    """Keeps draining the webhook outbox."""

    name = "bilag-webhooks"

    def __init__(self, dispatcher: WebhookDispatcher, poll_seconds: float = 0.5) -> None:
        super().__init__(poll_seconds)
        self.dispatcher = dispatcher

    def work(self, stop: threading.Event) -> bool:
        return self.dispatcher.deliver_due(limit=10, stop=stop) > 0
