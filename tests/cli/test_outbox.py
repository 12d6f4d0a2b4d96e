"""`bilag outbox` lists an organization's sends from the mailouts table."""

from __future__ import annotations

import json

from bilag.storage.db import Database
from bilag.storage.mailouts import EINVOICE, EMAIL, NewMailout, record_mailout
from tests.cli.conftest import Bilag, fields_of


def _organization(bilag: Bilag) -> int:
    return int(fields_of(bilag.ok("org", "create", "--name", "Udsender ApS").stdout)["id"])


def test_the_outbox_lists_and_shows_sends(bilag: Bilag, database: Database) -> None:
    organization_id = _organization(bilag)
    assert "sent nothing yet" in bilag.ok("outbox", "--org", str(organization_id)).output
    with database.write() as session:
        record_mailout(
            session,
            organization_id,
            NewMailout("doc-1", "Mailout", EMAIL, "kunde@example.dk", subject="Faktura 1"),
        )
        xml = NewMailout(
            "doc-1", "Einvoice", EINVOICE, "GLN 5790000000005",
            payload=b"<Invoice/>", payload_type="application/xml",
        )  # fmt: skip
        sent = record_mailout(session, organization_id, xml)
        xml_id = sent.id
    listed = json.loads(bilag.ok("outbox", "--org", str(organization_id), "--json").output)
    assert [(row["type"], row["status"]) for row in listed] == [
        ("Einvoice", "Pending"),
        ("Mailout", "Pending"),
    ]
    table = bilag.ok("outbox", "--org", str(organization_id)).output
    assert "kunde@example.dk" in table and "Faktura 1" in table
    shown = bilag.ok("outbox", "--org", str(organization_id), "--show", str(xml_id)).output
    assert "<Invoice/>" in shown
    assert bilag.fails("outbox", "--org", str(organization_id), "--show", "999999")
