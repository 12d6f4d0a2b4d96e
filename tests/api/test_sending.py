"""Sending invoices and credit notes: validation as Dinero does it, mailouts, and delivery of the
e-mail outbox to a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema_rs
from starlette.testclient import TestClient

from bilag.api.public_documents import document_link
from tests.api.sales_helpers import TODAY, booked_invoice, create, invoice_body
from tests.factories import World

DINERO_OPENAPI = Path(__file__).resolve().parents[3] / "shared/reference/dinero-openapi.json"


def _email(api: TestClient, world: World, headers: dict[str, str], guid: str, **body: Any) -> Any:
    url = f"/v1/{world.pro_org}/invoices/{guid}/email"
    return api.post(url, json={"ShouldAddTrustPilotEmailAsBcc": False, **body}, headers=headers)


def _mailouts(
    api: TestClient, world: World, headers: dict[str, str], guid: str, **query: Any
) -> Any:
    url = f"/v1/{world.pro_org}/invoices/{guid}/mailouts"
    response = api.get(url, params=query, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_an_email_is_validated_recorded_and_listed(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = booked_invoice(api, world, alice)
    sent = _email(api, world, alice, invoice["Guid"], Sender="salg@firma.dk")
    assert sent.status_code == 200, sent.text
    assert sent.json() == {"Recipients": [{"Email": "kunde@example.dk"}]}
    two = _email(
        api,
        world,
        alice,
        invoice["Guid"],
        Sender="salg@firma.dk",
        Receiver="a@example.dk, b@example.dk",
        Message="Se her: [link-to-pdf]",
        CcToSender=True,
    )
    assert [r["Email"] for r in two.json()["Recipients"]] == ["a@example.dk", "b@example.dk"]
    listed = _mailouts(api, world, alice, invoice["Guid"])
    assert [m["Type"] for m in listed] == ["Mailout", "Mailout"]
    assert listed[0]["Subject"] == f"Faktura {invoice['Number']}"
    assert "[link-to-pdf]" in listed[0]["Message"] and listed[0]["Status"] == "Pending"
    assert listed[1]["CCToSender"] is True and listed[1]["Receiver"] == "a@example.dk,b@example.dk"
    read = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}", headers=alice).json()
    assert read["LatestMailOutType"] == "Mailout" and read["MailOutStatus"] == "NotSent"


def test_opening_the_link_marks_the_newest_send_seen_and_counts_the_downloads(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = booked_invoice(api, world, alice)
    link = document_link(app.state.services.settings, world.pro_org, invoice["Guid"])
    path = link.removeprefix("http://testserver")
    assert api.get(path).status_code == 200  # opened before any send: nothing to count
    for _ in range(2):
        assert _email(api, world, alice, invoice["Guid"], Sender="s@firma.dk").status_code == 200
    fresh = _mailouts(api, world, alice, invoice["Guid"])
    assert [(m["SeenAt"], m["DownloadCount"]) for m in fresh] == [(None, 0), (None, 0)]

    assert api.get(path).status_code == 200
    assert api.get(path[:-1] + ("0" if path[-1] != "0" else "1")).status_code == 404
    assert api.get(path).status_code == 200
    older, newest = _mailouts(api, world, alice, invoice["Guid"])
    assert (older["SeenAt"], older["DownloadCount"]) == (None, 0)
    assert newest["DownloadCount"] == 2 and newest["SeenAt"] >= newest["Date"]
    assert not _valid_against_dinero(newest)


def _valid_against_dinero(mailout: dict[str, Any]) -> list[str]:
    document = json.loads(DINERO_OPENAPI.read_text())
    schema = {"$ref": "#/components/schemas/VoucherMailoutReadModel", **document}
    validator = jsonschema_rs.Draft202012Validator(schema)
    return [str(error) for error in validator.iter_errors(mailout)]


def test_bad_sends_are_refused_and_nothing_is_recorded(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    draft = create(api, world, alice, invoice_body(None), "invoices")
    assert _email(api, world, alice, draft["Guid"], Sender="a@b.dk").status_code == 400
    invoice = booked_invoice(api, world, alice)
    for body in (
        {"Sender": "a@b.dk", "Receiver": "not an address"},
        {"Sender": "a@b.dk", "Message": "Ingen link"},
        {"Sender": "nobody"},
        {"Sender": "a@b.dk", "Timestamp": "0000000000000000"},
        {},  # the organization has no e-mail, so a sender is needed
    ):
        response = _email(api, world, alice, invoice["Guid"], **body)
        assert response.status_code == 400, (body, response.text)
    assert _mailouts(api, world, alice, invoice["Guid"]) == []


def test_templates_pre_reminders_and_sms(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = booked_invoice(api, world, alice, Language="en-GB")
    template = api.get(
        f"/v2/{world.pro_org}/invoices/{invoice['Guid']}/email/template", headers=alice
    ).json()
    assert template["Subject"] == f"Invoice {invoice['Number']}"
    assert "[link-to-pdf]" in template["Message"] and template["SendAsSms"] is False
    pre = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/email/pre-reminder"
    refused = api.post(pre, json={"Sender": "a@b.dk"}, headers=alice)
    assert refused.status_code == 400 and "overdue" in refused.json()["message"]
    late = booked_invoice(api, world, alice, Date=(TODAY - timedelta(days=30)).isoformat())
    pre = f"/v1/{world.pro_org}/invoices/{late['Guid']}/email/pre-reminder"
    assert api.get(pre + "/template", headers=alice).json()["Subject"].startswith("Påmindelse")
    assert api.post(pre, json={"Sender": "a@b.dk"}, headers=alice).status_code == 200
    sms = {
        "ReceiverPhoneNumber": "+45 12 34 56 78",
        "ReceiverName": "Kunde",
        "Timestamp": late["TimeStamp"],
        "IsReminder": True,
        "Message": "Husk at betale",
    }
    url = f"/v1/{world.pro_org}/sms/{late['Guid']}/send-sms"
    assert api.post(url, json=sms, headers=alice).status_code == 200
    assert (
        api.post(url, json={**sms, "ReceiverPhoneNumber": "12"}, headers=alice).status_code == 400
    )
    texts = _mailouts(api, world, alice, late["Guid"])
    assert [(m["Type"], m["IsSmsMessage"]) for m in texts] == [
        ("PreReminder", False),
        ("PreReminder", True),
    ]
    assert texts[1]["Message"] == "Husk at betale [link-to-pdf]"
    assert len(_mailouts(api, world, alice, late["Guid"], includeSms="false")) == 1


def test_a_trade_offer_is_mailed_without_being_booked(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    from tests.api.sales_helpers import customer

    offer = create(api, world, alice, invoice_body(customer(api, world, alice)), "tradeoffers")
    url = f"/v1/{world.pro_org}/tradeoffers/{offer['Guid']}"
    template = api.get(url + "/email/template", headers=alice).json()
    assert template["Subject"].startswith("Tilbud ") and template["Receiver"] == "kunde@example.dk"
    sent = api.post(url + "/email", json={"Sender": "salg@firma.dk"}, headers=alice)
    assert sent.status_code == 200, sent.text
    mailouts = api.get(url + "/mailouts", headers=alice).json()
    assert [m["Type"] for m in mailouts] == ["TradeOffer"]
