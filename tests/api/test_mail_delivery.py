"""The e-mail outbox delivered to a real SMTP server (aiosmtpd) by the app's delivery worker."""

from __future__ import annotations

import time
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from starlette.testclient import TestClient

from bilag.config import Settings
from tests.api.sales_helpers import booked_invoice
from tests.conftest import free_port
from tests.factories import World


def _mailouts(api: TestClient, world: World, headers: dict[str, str], guid: str) -> Any:
    response = api.get(f"/v1/{world.pro_org}/invoices/{guid}/mailouts", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _email(api: TestClient, world: World, headers: dict[str, str], guid: str, **body: Any) -> Any:
    url = f"/v1/{world.pro_org}/invoices/{guid}/email"
    return api.post(url, json={"ShouldAddTrustPilotEmailAsBcc": False, **body}, headers=headers)


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[str, _Inbox]]:
    inbox = _Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", inbox
    finally:
        controller.stop()


@pytest.fixture
def settings(database_url: str, tmp_path: Path, smtp: tuple[str, _Inbox]) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        smtp_url=smtp[0],
    )


def test_the_outbox_is_delivered_by_smtp(
    api: TestClient, world: World, alice: dict[str, str], smtp: tuple[str, _Inbox]
) -> None:
    invoice = booked_invoice(api, world, alice)
    sent = _email(api, world, alice, invoice["Guid"], Sender="salg@firma.dk", CcToSender=True)
    assert sent.status_code == 200, sent.text
    inbox = smtp[1]
    for _ in range(100):
        if inbox.messages and _mailouts(api, world, alice, invoice["Guid"])[0]["Status"] == "Sent":
            break
        time.sleep(0.1)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "kunde@example.dk" and message["Cc"] == "salg@firma.dk"
    assert message["Subject"] == f"Faktura {invoice['Number']}"
    body = message.get_payload(decode=True).decode()
    assert f"http://testserver/documents/{world.pro_org}/{invoice['Guid']}/" in body
    assert "[link-to-pdf]" not in body
    read = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}", headers=alice).json()
    assert read["MailOutStatus"] == "Sent"
