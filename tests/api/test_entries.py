"""Entries over the API: the period feed with primo entries, and the feed of recorded changes."""

from __future__ import annotations

import uuid
from collections.abc import Generator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from starlette.testclient import TestClient

from bilag.api.entries_models import json_array_stream
from tests.api.conftest import Minter
from tests.api.file_samples import PDF
from tests.api.journal_helpers import (
    THIS_YEAR,
    book_in_storage,
    book_manual,
    delete_manual,
    purchase_postings,
    sale,
)
from tests.factories import World

YEAR = f"fromDate={THIS_YEAR}-01-01&toDate={THIS_YEAR}-12-31"
NEXT_YEAR = f"fromDate={THIS_YEAR + 1}-01-01&toDate={THIS_YEAR + 1}-12-31"


def _entries(api: TestClient, world: World, headers: dict[str, str], query: str) -> Any:
    response = api.get(f"/v1/{world.pro_org}/entries?{query}", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _changes(api: TestClient, world: World, headers: dict[str, str], query: str = "") -> Any:
    now = datetime.now(UTC)
    window = f"changesFrom={(now - timedelta(hours=1)):%Y-%m-%dT%H:%M:%SZ}"
    window += f"&changesTo={(now + timedelta(hours=1)):%Y-%m-%dT%H:%M:%SZ}"
    response = api.get(f"/v1/{world.pro_org}/entries/changes?{window}{query}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_booked_manual_voucher_appears_with_every_field(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    upload = api.post(
        f"/v1/{world.pro_org}/files", files={"file": ("z.pdf", PDF)}, headers=alice
    ).json()
    day = date(THIS_YEAR, 3, 6)
    voucher = book_manual(api, world, alice, {**sale(day), "FileGuid": upload["FileGuid"]})
    found = _entries(api, world, alice, YEAR)
    assert [entry["AccountNumber"] for entry in found] == [55000, 1000, 64000]
    bank, sales, vat = found
    assert bank == {
        "AccountNumber": 55000,
        "AccountName": "Bank",
        "Date": day.isoformat(),
        "VoucherNumber": voucher["VoucherNumber"],
        "VoucherGuid": voucher["Guid"],
        "FileGuid": upload["FileGuid"],
        "VoucherType": "Manuel",
        "Description": "Kortbetalinger",
        "VatType": None,
        "VatCode": None,
        "Amount": 1000.0,
        "EntryGuid": bank["EntryGuid"],
        "ContactGuid": None,
        "Type": "Normal",
    }
    assert (sales["Amount"], sales["VatCode"], sales["VatType"]) == (
        -800.0,
        "U25",
        "Dansk salgsmoms",
    )
    assert (vat["AccountName"], vat["Amount"]) == ("Salgsmoms", -200.0)
    assert len({str(uuid.UUID(entry["EntryGuid"])) for entry in found}) == 3
    assert _entries(api, world, alice, YEAR) == found  # stable guids


def test_other_kinds_show_dinero_voucher_types_and_contacts(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    contact = str(uuid.uuid4())
    day = date(THIS_YEAR, 5, 2)
    guid = book_in_storage(app, world.pro_org, "purchase", day, purchase_postings(), contact)
    found = _entries(api, world, alice, f"fromDate={day}&toDate={day}T23:59:59")
    assert {entry["VoucherType"] for entry in found} == {"Purchases"}
    assert {(entry["VoucherGuid"], entry["ContactGuid"]) for entry in found} == {(guid, contact)}
    expense = found[0]
    assert (expense["AccountName"], expense["Amount"], expense["VatType"]) == (
        "Kontorartikler",
        100.0,
        "Dansk købsmoms",
    )


def test_deleting_a_booked_voucher_adds_its_reversal(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    voucher = book_manual(api, world, alice, sale(date(THIS_YEAR, 2, 1)))
    delete_manual(api, world, alice, voucher)
    found = _entries(api, world, alice, YEAR)
    assert len(found) == 6
    assert sorted(entry["Amount"] for entry in found if entry["AccountNumber"] == 55000) == [
        -1000.0,
        1000.0,
    ]
    assert {(entry["VoucherGuid"], entry["VoucherNumber"]) for entry in found} == {
        (voucher["Guid"], voucher["VoucherNumber"])
    }
    assert sum(entry["Amount"] for entry in found) == 0
    assert len({entry["EntryGuid"] for entry in found}) == 6


def test_primo_carries_the_balance_sheet_and_closes_the_result_into_equity(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    book_manual(api, world, alice, sale(date(THIS_YEAR, 6, 1)))
    book_manual(api, world, alice, sale(date(THIS_YEAR + 1, 2, 1), amount=80.0))
    found = _entries(api, world, alice, NEXT_YEAR)
    primo = [entry for entry in found if entry["Type"] == "Primo"]
    assert [(e["AccountNumber"], e["Amount"]) for e in primo] == [
        (55000, 1000.0),
        (61200, -800.0),
        (64000, -200.0),
    ]
    assert {(e["Date"], e["VoucherGuid"], e["VoucherNumber"]) for e in primo} == {
        (f"{THIS_YEAR + 1}-01-01", None, None)
    }
    assert primo[1]["AccountName"] == "Overført resultat"
    assert [entry["Type"] for entry in found[3:]] == ["Normal"] * 3
    for off in ("includePrimo=false", "includePrimo=FALSE", "includePrimo=False"):
        assert all(e["Type"] == "Normal" for e in _entries(api, world, alice, f"{NEXT_YEAR}&{off}"))
    later = _entries(
        api, world, alice, f"fromDate={THIS_YEAR + 1}-01-02&toDate={THIS_YEAR + 1}-06-30"
    )
    assert [entry["Type"] for entry in later] == ["Normal"] * 3
    first_year = _entries(api, world, alice, YEAR)
    assert all(entry["Type"] == "Normal" for entry in first_year)
    assert _entries(api, world, alice, NEXT_YEAR)[0]["EntryGuid"] == primo[0]["EntryGuid"]


def test_bad_periods_are_400_naming_the_field(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    def refused(query: str) -> tuple[int, int, list[str]]:
        response = api.get(f"/v1/{world.pro_org}/entries?{query}", headers=alice)
        body = response.json()
        return response.status_code, body["code"], list(body["validationErrors"] or {})

    book_manual(api, world, alice, sale(date(THIS_YEAR + 1, 1, 5)))
    crossing = f"fromDate={THIS_YEAR}-12-01&toDate={THIS_YEAR + 1}-01-31"
    assert refused(crossing) == (400, 42, ["toDate"])
    assert refused("fromDate=1990-01-01&toDate=1990-12-31") == (400, 47, ["fromDate"])
    assert refused(f"toDate={THIS_YEAR}-12-31") == (400, 42, ["fromDate"])
    assert refused(f"fromDate={THIS_YEAR}-01-01") == (400, 42, ["toDate"])
    assert refused(f"fromDate=yesterday&toDate={THIS_YEAR}-12-31") == (400, 44, ["fromDate"])
    assert refused(f"fromDate={THIS_YEAR}-13-01&toDate={THIS_YEAR}-12-31") == (
        400,
        44,
        ["fromDate"],
    )
    assert refused(f"{YEAR}&includePrimo=maybe") == (400, 44, ["includePrimo"])
    assert refused(f"fromDate={THIS_YEAR}-05-01&toDate={THIS_YEAR}-04-01") == (400, 42, ["toDate"])


def test_changes_list_what_was_recorded_in_the_window_with_current_primo(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    assert _changes(api, world, alice) == []
    book_manual(api, world, alice, sale(date(THIS_YEAR, 6, 1)))
    assert [e["Type"] for e in _changes(api, world, alice)] == ["Normal"] * 3
    book_manual(api, world, alice, sale(date(THIS_YEAR + 1, 2, 1)))
    found = _changes(api, world, alice)
    primo = {e["AccountNumber"]: e for e in found if e["Type"] == "Primo"}
    assert {n: e["Amount"] for n, e in primo.items()} == {
        55000: 1000.0,
        61200: -800.0,
        64000: -200.0,
    }
    assert len(found) == 9
    book_manual(api, world, alice, sale(date(THIS_YEAR, 7, 1), amount=40.0))
    again = {e["AccountNumber"]: e for e in _changes(api, world, alice) if e["Type"] == "Primo"}
    assert again[55000]["Amount"] == 1050.0
    assert again[55000]["EntryGuid"] == primo[55000]["EntryGuid"]
    assert all(e["Type"] == "Normal" for e in _changes(api, world, alice, "&includePrimo=false"))
    past = api.get(
        f"/v1/{world.pro_org}/entries/changes?changesFrom=2020-01-01&changesTo=2020-01-31",
        headers=alice,
    )
    assert past.status_code == 200 and past.json() == []


def test_a_change_window_longer_than_31_days_or_malformed_is_400(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    base = f"/v1/{world.pro_org}/entries/changes"
    too_long = api.get(f"{base}?changesFrom=2026-01-01&changesTo=2026-02-01", headers=alice)
    assert (too_long.status_code, too_long.json()["code"]) == (400, 43)
    assert list(too_long.json()["validationErrors"]) == ["changesTo"]
    fits = api.get(f"{base}?changesFrom=2026-01-01&changesTo=2026-01-31", headers=alice)
    assert fits.status_code == 200
    backwards = api.get(f"{base}?changesFrom=2026-01-05&changesTo=2026-01-01", headers=alice)
    assert (backwards.status_code, backwards.json()["code"]) == (400, 42)
    missing = api.get(f"{base}?changesTo=2026-01-01", headers=alice)
    assert list(missing.json()["validationErrors"]) == ["changesFrom"]
    garbled = api.get(f"{base}?changesFrom=soon&changesTo=2026-01-01", headers=alice)
    assert (garbled.status_code, garbled.json()["code"]) == (400, 44)


def test_another_organization_sees_none_of_it(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    book_manual(api, world, alice, sale(date(THIS_YEAR, 6, 1)))
    bob = minter.headers(email=world.bob_email)
    own = api.get(f"/v1/{world.other_org}/entries?{YEAR}", headers=bob)
    assert own.status_code == 200 and own.json() == []
    now = datetime.now(UTC)
    changes = api.get(
        f"/v1/{world.other_org}/entries/changes?changesFrom={now.date()}&changesTo={now.date()}",
        headers=bob,
    )
    assert changes.status_code == 200 and changes.json() == []
    assert api.get(f"/v1/{world.pro_org}/entries?{YEAR}", headers=bob).status_code == 401


def test_an_abandoned_stream_closes_its_batches_and_so_its_session() -> None:
    closed: list[bool] = []

    def batches() -> Generator[list[tuple[int]], None, None]:
        try:
            yield [(1,)]
            yield [(2,)]
        finally:
            closed.append(True)

    stream = json_array_stream([{"Primo": 0}], batches(), lambda row: {"Id": row[0]})
    assert [next(stream), next(stream), next(stream)] == [b"[", b'{"Primo":0}', b',{"Id":1}']
    stream.close()
    assert closed == [True]
    whole = b"".join(json_array_stream([], batches(), lambda row: {"Id": row[0]}))
    assert whole == b'[{"Id":1},{"Id":2}]' and closed == [True, True]
