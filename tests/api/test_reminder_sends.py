"""A reminder as a PDF, its e-mail (template, send, the mailout with the reminder's PDF) and the
e-reminder that bilag validates and makes as an OIOUBL Reminder. Reminders are dated in January
and February of this year, as in test_reminders, so nothing depends on today's date."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.documents.xml import CAC, CBC
from bilag.storage.models import Mailout
from tests.api.test_einvoices import _seller
from tests.api.test_reminders import _add, _book, _overdue, _path, _refusal
from tests.documents.pdf_reading import save_first_page_png, text
from tests.documents.test_oioubl_reminder import valid_reminder
from tests.factories import World

PDF_ACCEPT = {"Accept": "application/pdf"}
GLN = "5790000000005"


def _kr(amount: float) -> str:
    """An amount as the Danish PDF prints it: 1.234,50."""
    grouped = f"{Decimal(str(amount)):,.2f}"
    return grouped.replace(",", " ").replace(".", ",").replace(" ", ".")


def _two_reminders(api: TestClient, world: World, alice: dict[str, str]) -> tuple[Any, Any, Any]:
    """An overdue invoice with reminder 1 booked (fee) and reminder 2 a draft (fee, interest,
    debt collection warning)."""
    invoice = _overdue(api, world, alice)
    first = _book(api, world, alice, invoice, _add(api, world, alice, invoice, 10))
    second = _add(
        api, world, alice, invoice, 30, WithInterestFee=True, WithDebtCollectionWarning=True
    )
    return invoice, first, second


def test_a_reminder_renders_as_a_pdf_with_its_fees_interest_and_total(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice, first, second = _two_reminders(api, world, alice)
    response = api.get(_path(world, invoice, f"/{second['Id']}"), headers={**alice, **PDF_ACCEPT})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    words = text(response.content)
    assert "Rykker 2" in words and f"Vedrørende faktura nr. {invoice['Number']}" in words
    assert f"Rykkergebyr {_kr(second['FeeAmount'])}" in words
    assert second["InterestAmount"] > 0 and f"Renter {_kr(second['InterestAmount'])}" in words
    assert f"Fakturabeløb {_kr(second['InvoiceTotalInclVatAmount'])}" in words
    earlier = first["FeeAmount"]
    assert second["AccumulatedFeesAndInterestAmount"] == earlier
    assert f"Gebyrer og renter fra tidligere rykkere {_kr(earlier)}" in words
    assert f"I alt at betale {_kr(second['ReminderTotalInclVatAmount'])}" in words
    assert "inkassolovens § 10" in words
    save_first_page_png(response.content, "api-reminder")
    octet = {**alice, "Accept": "application/octet-stream"}
    booked = api.get(_path(world, invoice, f"/{first['Id']}"), headers=octet)
    assert booked.status_code == 200 and "Rykker 1" in text(booked.content)
    assert "inkassolovens" not in text(booked.content)
    as_json = api.get(_path(world, invoice, f"/{first['Id']}"), headers=alice)
    assert as_json.json()["Number"] == 1


def test_a_deleted_or_unknown_reminder_has_no_pdf(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice, _, second = _two_reminders(api, world, alice)
    deleted = api.request(
        "DELETE",
        _path(world, invoice, f"/{second['Id']}"),
        json={"Timestamp": second["Timestamp"]},
        headers=alice,
    )
    assert deleted.status_code == 200, deleted.text
    headers = {**alice, **PDF_ACCEPT}
    gone = api.get(_path(world, invoice, f"/{second['Id']}"), headers=headers)
    assert gone.status_code == 400 and gone.json()["code"] == 65
    unknown = api.get(_path(world, invoice, "/987654"), headers=headers)
    assert unknown.status_code == 404 and "987654" in unknown.json()["message"]


def _mailouts(app: Any) -> list[Mailout]:
    with app.state.services.database.read() as session:
        found = list(session.scalars(select(Mailout).order_by(Mailout.id)))
        for mailout in found:
            session.expunge(mailout)
        return found


def _send(api: TestClient, world: World, headers: dict[str, str], invoice: Any, **body: Any) -> Any:
    body = {"ShouldAddTrustPilotEmailAsBcc": False, "Sender": "salg@firma.dk", **body}
    return api.post(_path(world, invoice, "/email"), json=body, headers=headers)


def test_the_newest_booked_reminder_is_mailed_with_its_pdf(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    draft = _add(api, world, alice, invoice, 10)
    before = len(_mailouts(app))
    _refusal(api.get(_path(world, invoice, "/email/template"), headers=alice), 45, "voucherGuid")
    assert "no booked reminder" in _refusal(_send(api, world, alice, invoice), 45, "voucherGuid")
    _book(api, world, alice, invoice, draft)
    second = _book(api, world, alice, invoice, _add(api, world, alice, invoice, 25))
    template = api.get(_path(world, invoice, "/email/template"), headers=alice)
    assert template.status_code == 200, template.text
    model = template.json()
    assert model["Subject"] == f"Rykker 2 for faktura {invoice['Number']}"
    assert "[link-to-pdf]" in model["Message"] and model["Receiver"] == "kunde@example.dk"
    assert isinstance(model["AddVoucherAsPdfAttachment"], bool)
    sent = _send(api, world, alice, invoice, AddVoucherAsPdfAttachment=True, CcToSender=True)
    assert sent.status_code == 200, sent.text
    assert sent.json() == {"Recipients": [{"Email": "kunde@example.dk"}]}
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/mailouts"
    listed = api.get(url, headers=alice).json()
    assert [(m["Type"], m["Subject"]) for m in listed] == [("Reminder", model["Subject"])]
    assert listed[0]["CCToSender"] is True and listed[0]["Status"] == "Pending"
    (recorded,) = _mailouts(app)[before:]
    assert recorded.reminder_id == second["Id"] and recorded.payload_type == "application/pdf"
    assert "Rykker 2" in text(recorded.payload or b"")
    plain = _send(api, world, alice, invoice, AddVoucherAsPdfAttachment=False)
    assert plain.status_code == 200, plain.text
    assert _mailouts(app)[-1].payload is None


def test_bad_reminder_emails_are_refused_and_nothing_is_recorded(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    _book(api, world, alice, invoice, _add(api, world, alice, invoice, 10))
    before = len(_mailouts(app))
    assert "Receiver" in _refusal(
        _send(api, world, alice, invoice, Receiver="not-an-address"), 42, "Receiver"
    )
    assert "[link-to-pdf]" in _refusal(
        _send(api, world, alice, invoice, Message="Betal nu"), 42, "Message"
    )
    _refusal(_send(api, world, alice, invoice, Sender="nobody"), 42, "Sender")
    stale = _send(api, world, alice, invoice, Timestamp="00000000000000AB")
    assert stale.status_code == 400 and stale.json()["code"] == 58
    assert len(_mailouts(app)) == before


def _e_reminder(
    api: TestClient, world: World, headers: dict[str, str], invoice: Any, reminder: Any, **body: Any
) -> Any:
    url = _path(world, invoice, f"/{reminder['Id']}/e-reminder")
    return api.post(url, json={"PaymentMeanEnum": "Domestic", **body}, headers=headers)


def test_an_e_reminder_is_validated_then_made_as_oioubl_in_the_outbox(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    draft = _add(api, world, alice, invoice, 10, WithInterestFee=True)
    before = len(_mailouts(app))
    assert "draft" in _refusal(_e_reminder(api, world, alice, invoice, draft), 45, "id")
    booked = _book(api, world, alice, invoice, draft)
    _refusal(_e_reminder(api, world, alice, invoice, booked), 42, "EanNumber")
    bad_ean = _e_reminder(api, world, alice, invoice, booked, ReceiverEanNumber="123")
    assert "not a valid EAN" in _refusal(bad_ean, 42, "ReceiverEanNumber")
    url = _path(world, invoice, f"/{booked['Id']}/e-reminder")
    no_means = api.post(url, json={"ReceiverEanNumber": GLN}, headers=alice)
    _refusal(no_means, 42, "PaymentMeanEnum")
    no_cvr = _e_reminder(api, world, alice, invoice, booked, ReceiverEanNumber=GLN)
    assert "CVR" in _refusal(no_cvr, 45, "e-reminder")
    _seller(app, world.pro_org)
    no_bank = _e_reminder(api, world, alice, invoice, booked, ReceiverEanNumber=GLN)
    assert "bank account" in _refusal(no_bank, 45, "e-reminder")
    assert len(_mailouts(app)) == before
    _seller(app, world.pro_org, bank_reg_number="1234", bank_account_number="0012345678")
    sent = _e_reminder(
        api, world, alice, invoice, booked, ReceiverEanNumber=GLN, AttPerson="Jens Hansen"
    )
    assert sent.status_code == 200, sent.text
    (recorded,) = _mailouts(app)[before:]
    assert recorded.type == "ElectronicInvoiceReminder" and recorded.reminder_id == booked["Id"]
    assert recorded.channel == "einvoice" and recorded.payload_type == "application/xml"
    assert recorded.receiver == f"GLN {GLN}"
    tree = valid_reminder(recorded.payload or b"")
    ns = {"cac": CAC, "cbc": CBC}
    payable = tree.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=ns)
    assert Decimal(payable or "") == Decimal(str(booked["ReminderTotalInclVatAmount"]))
    debits = [Decimal(e.text or "") for e in tree.findall(".//cbc:DebitLineAmount", ns)]
    assert debits[1:] == [Decimal(str(booked["FeeAmount"])), Decimal(str(booked["InterestAmount"]))]
    assert sum(debits) == Decimal(payable or "")
    reference = tree.findtext(".//cac:InvoiceDocumentReference/cbc:ID", namespaces=ns)
    assert reference == str(invoice["Number"])
    assert b"Jens Hansen" in (recorded.payload or b"")
    listed = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/mailouts", headers=alice)
    assert [(m["Type"], m["Status"]) for m in listed.json()] == [
        ("ElectronicInvoiceReminder", "Pending")
    ]
