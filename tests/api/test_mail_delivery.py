"""The e-mail outbox delivered to a real SMTP server (aiosmtpd) by the app's delivery worker."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.config import Settings
from tests.api.sales_helpers import booked_invoice
from tests.factories import World
from tests.smtp_inbox import Inbox, smtp_server


def _mailouts(api: TestClient, world: World, headers: dict[str, str], guid: str) -> Any:
    response = api.get(f"/v1/{world.pro_org}/invoices/{guid}/mailouts", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _email(api: TestClient, world: World, headers: dict[str, str], guid: str, **body: Any) -> Any:
    url = f"/v1/{world.pro_org}/invoices/{guid}/email"
    return api.post(url, json={"ShouldAddTrustPilotEmailAsBcc": False, **body}, headers=headers)


@pytest.fixture
def smtp() -> Iterator[tuple[str, Inbox]]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def settings(database_url: str, tmp_path: Path, smtp: tuple[str, Inbox]) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        smtp_url=smtp[0],
    )


def test_the_outbox_is_delivered_by_smtp(
    api: TestClient, world: World, alice: dict[str, str], smtp: tuple[str, Inbox]
) -> None:
    invoice = booked_invoice(api, world, alice)
    sent = _email(api, world, alice, invoice["Guid"], Sender="salg@firma.dk", CcToSender=True)
    assert sent.status_code == 200, sent.text
    (message,) = smtp[1].wait_for(1)
    for _ in range(100):
        if _mailouts(api, world, alice, invoice["Guid"])[0]["Status"] == "Sent":
            break
        time.sleep(0.1)
    assert message["To"] == "kunde@example.dk" and message["Cc"] == "salg@firma.dk"
    assert message["Subject"] == f"Faktura {invoice['Number']}"
    parts = {part.get_content_type(): part for part in message.walk()}
    body = parts["text/plain"].get_payload(decode=True).decode()
    pdf = parts["application/pdf"]
    assert pdf.get_filename() == f"Faktura {invoice['Number']}.pdf"
    assert pdf.get_payload(decode=True).startswith(b"%PDF-")
    assert f"http://testserver/documents/{world.pro_org}/{invoice['Guid']}/" in body
    assert "[link-to-pdf]" not in body
    read = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}", headers=alice).json()
    assert read["MailOutStatus"] == "Sent"
