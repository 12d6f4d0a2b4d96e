"""Reminders (rykkere) over the API: the rules for adding them, their amounts, booking their
fees, the offset entry of deleting a booked one, and the previews.

The overdue invoice is dated 1 January of this year with Netto 8 (due 9 January); reminders are
dated in January and February, so the rules never depend on today's date.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.storage.models import Reminder
from bilag.storage.reminders import booked_reminder_fees
from tests.api.sales_helpers import (
    TODAY,
    booked_invoice,
    create,
    entries_of,
    invoice_body,
    product_line,
    trial_balance,
)
from tests.factories import World

NEW_YEAR = date(TODAY.year, 1, 1)
DUE = NEW_YEAR + timedelta(days=8)


def _day(days_after_due: int) -> str:
    return (DUE + timedelta(days=days_after_due)).isoformat()


def _overdue(api: TestClient, world: World, headers: dict[str, str], **extra: Any) -> Any:
    body = {
        "Date": NEW_YEAR.isoformat(),
        "PaymentConditionType": "Netto",
        "PaymentConditionNumberOfDays": 8,
        "ReminderInterestRate": 2,
        **extra,
    }
    return booked_invoice(api, world, headers, **body)


def _path(world: World, invoice: dict[str, Any], tail: str = "") -> str:
    return f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/reminders{tail}"


def _body(timestamp: str, days_after_due: int, **flags: Any) -> dict[str, Any]:
    return {
        "Timestamp": timestamp,
        "Date": _day(days_after_due),
        "WithDebtCollectionWarning": False,
        "WithFee": True,
        "WithInterestFee": False,
        "WithCompensationFee": False,
        **flags,
    }


def _add(
    api: TestClient, world: World, headers: dict[str, str], invoice: Any, days: int, **flags: Any
) -> dict[str, Any]:
    response = api.post(
        _path(world, invoice), json=_body(invoice["TimeStamp"], days, **flags), headers=headers
    )
    assert response.status_code == 200, response.text
    added: dict[str, Any] = response.json()
    return added


def _book(
    api: TestClient, world: World, headers: dict[str, str], invoice: Any, reminder: Any
) -> dict[str, Any]:
    response = api.post(
        _path(world, invoice, f"/{reminder['Id']}/book"),
        json={"Timestamp": reminder["Timestamp"]},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    booked: dict[str, Any] = response.json()
    return booked


def _refusal(response: Any, code: int, field: str) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == code and field in body["validationErrors"], body
    message: str = body["validationErrors"][field]
    return message


def _stored(app: Any, reminder_id: int) -> Reminder:
    with app.state.services.database.read() as session:
        found = session.scalars(select(Reminder).where(Reminder.id == reminder_id)).one()
        session.expunge(found)
        return found


def _fees(app: Any, world: World, invoice: Any) -> Decimal:
    with app.state.services.database.read() as session:
        return booked_reminder_fees(session, world.pro_org, invoice["Guid"])


def test_only_an_overdue_booked_invoice_gets_a_reminder(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    fresh = booked_invoice(api, world, alice)  # dated today, due in 8 days
    early = {**_body(fresh["TimeStamp"], 0), "Date": TODAY.isoformat()}
    message = _refusal(api.post(_path(world, fresh), json=early, headers=alice), 45, "Date")
    assert "not overdue" in message
    overdue = _overdue(api, world, alice)
    on_due_date = _body(overdue["TimeStamp"], 0)
    assert "not overdue" in _refusal(
        api.post(_path(world, overdue), json=on_due_date, headers=alice), 45, "Date"
    )
    draft = create(api, world, alice, invoice_body(None, Date=NEW_YEAR.isoformat()), "invoices")
    body = _body(draft["TimeStamp"], 5)
    _refusal(api.post(_path(world, draft), json=body, headers=alice), 45, "voucherGuid")
    assert api.get(_path(world, overdue), headers=alice).json() == []


def test_fee_interest_and_compensation_and_the_booking_of_them(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    added = _add(
        api, world, alice, invoice, 10, WithInterestFee=True, WithCompensationFee=True,
        WithDebtCollectionWarning=True,
    )  # fmt: skip
    assert (added["Number"], added["Title"], added["IsDraft"], added["IsDeleted"]) == (
        1,
        "Rykker 1",
        True,
        False,
    )
    assert added["InvoiceTotalInclVatAmount"] == 2000.0
    assert added["FeeAmount"] == 100.0 and added["CompensationFeeAmount"] == 310.0
    assert added["InterestAmount"] == 13.33  # 2 % a month of 2000 for 10 days
    assert added["CompensationFeeAvailable"] is True
    assert added["AccumulatedFeesAndInterestAmount"] == 0.0 and added["PaidAmount"] == 0.0
    assert added["ReminderTotalInclVatAmount"] == 2423.33
    assert added["InterestAmountText"].startswith("Renter 2,00% for perioden 10/01/")
    assert "inkassolovens § 10" in added["DebtCollectionNoticeText"]
    assert "faktura 1 af fakturadato 01/01/" in added["Description"]
    assert _stored(app, added["Id"]).entry_voucher_guid is None
    assert _fees(app, world, invoice) == 0

    booked = _book(api, world, alice, invoice, added)
    assert booked["IsDraft"] is False and booked["Timestamp"] != added["Timestamp"]
    voucher = _stored(app, added["Id"]).entry_voucher_guid
    assert voucher is not None
    assert entries_of(app, voucher) == {57000: 42333, 1100: -41000, 9000: -1333}
    assert trial_balance(app, world.pro_org) == 0
    assert _fees(app, world, invoice) == Decimal("423.33")

    second = _add(api, world, alice, invoice, 20, WithInterestFee=True)
    assert second["Number"] == 2 and second["Title"] == "Rykker 2"
    assert second["AccumulatedFeesAndInterestAmount"] == 423.33
    assert second["InterestAmount"] == 13.33  # the 10 days since the first reminder
    assert second["CompensationFeeAvailable"] is False
    assert second["ReminderTotalInclVatAmount"] == 2000 + 113.33 + 423.33
    listed = api.get(_path(world, invoice), headers=alice).json()
    assert [(item["Number"], item["IsDraft"]) for item in listed] == [(1, False), (2, True)]


def test_three_at_most_each_ten_days_after_the_booked_one_before(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    stamp = invoice["TimeStamp"]
    first = _add(api, world, alice, invoice, 5, WithCompensationFee=True)
    too_early = api.post(_path(world, invoice), json=_body(stamp, 20), headers=alice)
    assert "Book or delete reminder 1" in _refusal(too_early, 45, "Number")
    _book(api, world, alice, invoice, first)
    soon = api.post(_path(world, invoice), json=_body(stamp, 14), headers=alice)
    assert "at least 10 days after" in _refusal(soon, 45, "Date")
    again = _body(stamp, 15, WithCompensationFee=True)
    compensation = api.post(_path(world, invoice), json=again, headers=alice)
    assert "once per invoice" in _refusal(compensation, 45, "WithCompensationFee")
    _book(api, world, alice, invoice, _add(api, world, alice, invoice, 15))
    third = _add(api, world, alice, invoice, 25, WithDebtCollectionWarning=True)
    assert third["Number"] == 3
    _book(api, world, alice, invoice, third)
    fourth = api.post(_path(world, invoice), json=_body(stamp, 40), headers=alice)
    assert "at most 3" in _refusal(fourth, 45, "Number")
    assert "at most 3" in _refusal(
        api.get(_path(world, invoice, "/next"), headers=alice), 45, "Number"
    )


def test_deleting_a_booked_reminder_posts_the_offset_entry(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    booked = _book(api, world, alice, invoice, _add(api, world, alice, invoice, 10))
    voucher = _stored(app, booked["Id"]).entry_voucher_guid
    assert voucher is not None and entries_of(app, voucher) == {57000: 10000, 1100: -10000}
    one = _path(world, invoice, f"/{booked['Id']}")
    stale = api.request("DELETE", one, json={"Timestamp": invoice["TimeStamp"]}, headers=alice)
    _refusal(stale, 58, "Timestamp")
    changed = api.put(one, json=_body(booked["Timestamp"], 12), headers=alice)
    assert "is booked" in _refusal(changed, 45, "id")
    deleted = api.request("DELETE", one, json={"Timestamp": booked["Timestamp"]}, headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert entries_of(app, voucher) == {}  # the reversal cancels every account
    assert trial_balance(app, world.pro_org) == 0
    assert _fees(app, world, invoice) == 0
    shown = api.get(one, headers=alice).json()
    assert shown["IsDeleted"] is True and shown["FeeAmount"] == 100.0
    assert api.get(_path(world, invoice), headers=alice).json() == []
    since = api.get(_path(world, invoice), params={"changesSince": "2000-01-01T00:00:00Z"},
                    headers=alice).json()  # fmt: skip
    assert [item["IsDeleted"] for item in since] == [True]
    twice = api.request("DELETE", one, json={"Timestamp": shown["Timestamp"]}, headers=alice)
    _refusal(twice, 65, "id")
    assert _add(api, world, alice, invoice, 11)["Number"] == 1


def test_a_draft_is_updated_and_deleted_with_its_own_timestamp(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    stale_invoice = _body("00000000000000AA", 5)
    _refusal(api.post(_path(world, invoice), json=stale_invoice, headers=alice), 58, "Timestamp")
    draft = _add(api, world, alice, invoice, 5)
    one = _path(world, invoice, f"/{draft['Id']}")
    with_invoice_stamp = api.put(one, json=_body(invoice["TimeStamp"], 6), headers=alice)
    _refusal(with_invoice_stamp, 58, "Timestamp")
    changed = api.put(
        one, json=_body(draft["Timestamp"], 6, WithFee=False, Title="Første rykker"), headers=alice
    )
    assert changed.status_code == 200, changed.text
    updated = changed.json()
    assert (updated["Title"], updated["Date"], updated["FeeAmount"]) == (
        "Første rykker",
        _day(6),
        0,
    )
    stale_book = api.post(one + "/book", json={"Timestamp": draft["Timestamp"]}, headers=alice)
    _refusal(stale_book, 58, "Timestamp")
    booked = _book(api, world, alice, invoice, updated)
    assert booked["IsDraft"] is False and booked["ReminderTotalInclVatAmount"] == 2000.0
    assert _stored(app, booked["Id"]).entry_voucher_guid is None  # nothing to post
    again = api.post(one + "/book", json={"Timestamp": booked["Timestamp"]}, headers=alice)
    _refusal(again, 45, "id")
    other = _overdue(api, world, alice)
    second_draft = _add(api, world, alice, other, 3)
    gone = api.request(
        "DELETE",
        _path(world, other, f"/{second_draft['Id']}"),
        json={"Timestamp": second_draft["Timestamp"]},
        headers=alice,
    )
    assert gone.status_code == 200 and api.get(_path(world, other), headers=alice).json() == []


def test_next_and_fetch_preview_without_saving(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice, Language="en-GB", ReminderFee=75)
    upcoming = api.get(_path(world, invoice, "/next"), headers=alice)
    assert upcoming.status_code == 200, upcoming.text
    shown = upcoming.json()
    assert (shown["Id"], shown["Number"], shown["Title"]) == (None, 1, "Reminder 1")
    assert shown["FeeAmount"] == 75.0 and shown["WithInterestFee"] is True
    assert shown["Timestamp"] == invoice["TimeStamp"]
    assert shown["InvoiceTotalInclVatAmountText"] == "Principal of the invoice above"
    fetch = {key: value for key, value in _body("", 30).items() if key != "Timestamp"}
    previewed = api.post(
        _path(world, invoice, "/fetch"), json={**fetch, "WithInterestFee": True}, headers=alice
    )
    assert previewed.status_code == 200, previewed.text
    assert previewed.json()["InterestAmount"] == 40.0  # 2 % of 2000 for 30 days
    assert previewed.json()["InterestAmountText"].startswith("Interest 2.00% for the period")
    assert api.get(_path(world, invoice), headers=alice).json() == []


def test_bad_bodies_and_unknown_invoices_are_refused_by_name(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    without_fee = {k: v for k, v in _body(invoice["TimeStamp"], 5).items() if k != "WithFee"}
    _refusal(api.post(_path(world, invoice), json=without_fee, headers=alice), 42, "WithFee")
    bad_date = _body(invoice["TimeStamp"], 5, Date="the 5th")
    _refusal(api.post(_path(world, invoice), json=bad_date, headers=alice), 42, "Date")
    bad_flag = _body(invoice["TimeStamp"], 5, WithFee="often")
    _refusal(api.post(_path(world, invoice), json=bad_flag, headers=alice), 42, "WithFee")
    _refusal(api.post(_path(world, invoice), content=b"[1]", headers=alice), 42, "body")
    lines = [product_line(10**11, 5)]
    huge = _overdue(api, world, alice, ProductLines=lines, ReminderInterestRate=100)
    endless = _body(huge["TimeStamp"], 0, Date="9999-12-31", WithInterestFee=True)
    _refusal(api.post(_path(world, huge), json=endless, headers=alice), 43, "Date")
    _refusal(api.post(_path(world, invoice, "/1/book"), json={}, headers=alice), 42, "Timestamp")
    assert api.get(_path(world, invoice, "/abc"), headers=alice).status_code == 404
    assert api.get(_path(world, invoice, "/99999"), headers=alice).status_code == 404
    missing = f"/v1/{world.pro_org}/invoices/2aa6fda2-0d1e-4c34-9b0f-1f6f0d2a9e11/reminders"
    assert api.get(missing, headers=alice).status_code == 404
    assert api.get(f"/v1/{world.pro_org}/invoices/x/reminders", headers=alice).status_code == 400
    elsewhere = f"/v1/{world.other_org}/invoices/{invoice['Guid']}/reminders"
    assert api.get(elsewhere, headers=alice).status_code == 401
    assert api.get(_path(world, invoice), headers=alice).json() == []


def test_a_booked_reminder_keeps_the_invoice_owed_until_its_fee_is_paid(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    invoice = _overdue(api, world, alice)
    _book(api, world, alice, invoice, _add(api, world, alice, invoice, 5))
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}"

    def status_and_timestamp() -> tuple[str, str]:
        read = api.get(url, headers=alice).json()
        return read["PaymentStatus"], read["TimeStamp"]

    def pay(amount: float, timestamp: str) -> None:
        body = {"Timestamp": timestamp, "DepositAccountNumber": 55000, "Amount": amount,
                "Description": "Indbetaling", "RemainderIsFee": False}  # fmt: skip
        assert api.post(url + "/payments", json=body, headers=alice).status_code == 200

    def listed_as(status: str) -> list[tuple[str, str]]:
        query = {"statusFilter": status, "fields": "Guid,Status"}
        rows = api.get(f"/v1/{world.pro_org}/invoices", params=query, headers=alice).json()
        return [(row["Guid"], row["Status"]) for row in rows["Collection"]]

    status, timestamp = status_and_timestamp()
    pay(2000.0, timestamp)  # the invoice's own total, not the reminder's fee of 100
    status, timestamp = status_and_timestamp()
    assert status == "Overdue"
    assert listed_as("Overdue") == [(invoice["Guid"], "Overdue")] and listed_as("Paid") == []
    owed = api.get(f"/v2/{world.pro_org}/invoices/{invoice['Guid']}/payments", headers=alice)
    assert owed.json()["RemainingAmount"] == 100.0
    pay(100.0, timestamp)
    assert status_and_timestamp()[0] == "Paid"
    assert listed_as("Paid") == [(invoice["Guid"], "Paid")] and listed_as("Overdue") == []
