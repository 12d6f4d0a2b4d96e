"""The e-mail outbox's delivery: when `BILAG_SMTP_URL` is set, a worker in every server process
hands each Pending e-mail mailout to the SMTP server and marks it Sent, or Failed with the
server's answer. Without it, mailouts stay in the outbox for the web app and `bilag outbox`.

`smtp://user:password@host:port` talks plain SMTP (with STARTTLS when the server offers it),
`smtps://...` SMTP over TLS.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

import anyio
from fastapi import FastAPI

from bilag.identity.webhooks import PollingWorker
from bilag.storage.db import Database
from bilag.storage.mailouts import claim_for_delivery, mark_delivered, pending_emails
from bilag.storage.models import Mailout

logger = logging.getLogger("bilag.mail")
LINK_TAG = "[link-to-pdf]"


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    tls: bool = False
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpTarget:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"BILAG_SMTP_URL must be smtp://host:port or smtps://..., not {url!r}")
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            tls=tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )

    def connect(self) -> smtplib.SMTP:
        client = (
            smtplib.SMTP_SSL(self.host, self.port, timeout=30)
            if self.tls
            else smtplib.SMTP(self.host, self.port, timeout=30)
        )
        if not self.tls:
            client.ehlo()
            if client.has_extn("starttls"):
                client.starttls()
                client.ehlo()
        if self.username:
            client.login(self.username, self.password or "")
        return client


Attachments = Callable[[Mailout], list[tuple[str, str, bytes]]]
Link = Callable[[Mailout], str]


def email_message(mailout: Mailout, link: str, files: list[tuple[str, str, bytes]]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mailout.sender or ""
    message["To"] = ", ".join(mailout.receiver.split(","))
    if mailout.cc_to_sender and mailout.sender:
        message["Cc"] = mailout.sender
    message["Subject"] = mailout.subject or ""
    message.set_content((mailout.message or "").replace(LINK_TAG, link))
    for name, content_type, content in files:
        main, _, sub = content_type.partition("/")
        message.add_attachment(content, maintype=main, subtype=sub, filename=name)
    return message


def deliver_pending(
    database: Database, target: SmtpTarget, link: Link, attachments: Attachments, limit: int = 20
) -> int:
    """Send up to `limit` pending e-mails; how many were handled (sent or failed)."""
    with database.read() as session:
        waiting = [mailout.id for mailout in pending_emails(session, limit)]
    handled = 0
    for mailout_id in waiting:
        with database.write() as session:
            mailout = claim_for_delivery(session, mailout_id)
        if mailout is None:
            continue  # another worker took it
        error = None
        try:
            message = email_message(mailout, link(mailout), attachments(mailout))
            with target.connect() as client:
                client.send_message(message)
        except (smtplib.SMTPException, OSError, ValueError) as problem:
            logger.warning("mailout %s failed: %s", mailout_id, problem)
            error = str(problem) or type(problem).__name__
        with database.write() as session:
            mark_delivered(session, mailout, error)
        handled += 1
    return handled


class MailDelivery(PollingWorker):
    name = "bilag-mail"

    def __init__(
        self, database: Database, target: SmtpTarget, link: Link, attachments: Attachments
    ) -> None:
        super().__init__(poll_seconds=2.0)
        self.database, self.target, self.link, self.attachments = (
            database,
            target,
            link,
            attachments,
        )

    def work(self, stop: threading.Event) -> bool:
        return deliver_pending(self.database, self.target, self.link, self.attachments) > 0


def wake_mail(app: Any) -> None:
    worker: MailDelivery | None = getattr(app.state, "mail_delivery", None)
    if worker is not None:
        worker.wake()


def install_mail_delivery(app: FastAPI, link: Link, attachments: Attachments) -> None:
    """Run a MailDelivery while the app runs, when SMTP is configured."""
    smtp_url = app.state.services.settings.smtp_url
    if not smtp_url:
        return
    target = SmtpTarget.from_url(smtp_url)
    original = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running_app: Any) -> AsyncIterator[Any]:
        async with original(running_app) as lifespan_state:
            worker = MailDelivery(app.state.services.database, target, link, attachments)
            app.state.mail_delivery = worker
            worker.start()
            try:
                yield lifespan_state
            finally:
                app.state.mail_delivery = None
                await anyio.to_thread.run_sync(worker.stop)

    app.router.lifespan_context = lifespan
