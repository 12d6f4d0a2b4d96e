"""Ledger items over the API: adding, updating, listing the ledger, deleting, and bad input."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.testclient import TestClient

from tests.api.conftest import Minter
from tests.api.file_samples import PDF
from tests.api.ledger_item_helpers import TODAY, add, entries, rent, status, url
from tests.factories import World


def test_add_answers_one_read_model_on_v1_2_and_an_array_on_v1(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    chosen = str(uuid.uuid4())
    single = api.post(url(world, version="v1.2"), json=[rent(Id=chosen), rent(500)], headers=alice)
    assert single.status_code == 200, single.text
    assert single.json()["Id"] == chosen and len(single.json()["Version"]) == 16
    older = api.post(url(world, version="v1.1"), json=[rent(), rent()], headers=alice)
    assert older.status_code == 200 and len(older.json()) == 2
    ledger = api.post(url(world, "/ledgers"), json=[], headers=alice).json()
    assert len(ledger) == 4 and ledger[0]["Id"] == chosen
    line = ledger[0]["Lines"][0]
    assert line["AccountNumber"] == 5000 and line["Amount"] == 10000.0
    uuid.UUID(line["Id"])
    assert [item["Status"] for item in status(api, world, alice, [chosen])] == ["Draft"]
    camel = api.post(
        f"/v1/{world.pro_org}/ledgerItems/status", json=[{"id": chosen}], headers=alice
    )
    assert camel.status_code == 200 and camel.json()[0]["Status"] == "Draft"


def test_update_replaces_content_keeps_line_ids_and_needs_the_version(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    [first] = add(api, world, alice, [rent()])
    [item] = api.post(url(world, "/ledgers"), json=[{"Id": first["Id"]}], headers=alice).json()
    line = item["Lines"][0]
    changed = {
        "Id": item["Id"],
        "Version": item["Version"],
        "VoucherNumber": 77,
        "VoucherDate": TODAY,
        "Lines": [
            {**line, "Amount": 123.45},
            {"AccountNumber": 6000, "BalancingAccountNumber": 55000, "Amount": 125},
        ],
    }
    updated = api.put(url(world), json=[changed], headers=alice)
    assert updated.status_code == 200, updated.text
    [answer] = updated.json()
    assert answer["Id"] == item["Id"] and answer["Version"] != item["Version"]
    [after] = api.post(url(world, "/ledgers"), json=[{"Id": item["Id"]}], headers=alice).json()
    assert after["VoucherNumber"] == 77
    assert after["Lines"][0]["Id"] == line["Id"] and after["Lines"][0]["Amount"] == 123.45
    assert len(after["Lines"]) == 2
    for version in (item["Version"], None, ""):
        stale = api.put(url(world), json=[{**changed, "Version": version}], headers=alice)
        assert (stale.status_code, stale.json()["code"]) == (400, 58), stale.text
        assert "[0].Version" in stale.json()["validationErrors"]
    missing_id = api.put(url(world), json=[{**changed, "Id": None}], headers=alice)
    assert missing_id.status_code == 400 and "[0].Id" in missing_id.json()["validationErrors"]
    unknown = api.put(url(world), json=[{**changed, "Id": str(uuid.uuid4())}], headers=alice)
    assert (unknown.status_code, unknown.json()["code"]) == (404, 40)
    assert entries(app.state.services.database) == []


def test_delete_removes_drafts_all_or_nothing(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    first, second = add(api, world, alice, [rent(), rent()])
    stale = api.request(
        "DELETE",
        url(world, "/delete"),
        json=[first, {"Id": second["Id"], "Version": "0000000000000000"}],
        headers=alice,
    )
    assert (stale.status_code, stale.json()["code"]) == (400, 58)
    assert len(api.post(url(world, "/ledgers"), json=[], headers=alice).json()) == 2
    deleted = api.request("DELETE", url(world, "/delete"), json=[first, second], headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert api.post(url(world, "/ledgers"), json=[], headers=alice).json() == []
    gone = api.post(url(world, "/status"), json=[{"Id": first["Id"]}], headers=alice)
    assert (gone.status_code, gone.json()["code"]) == (404, 40)


def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    good = rent()
    for body, field in (
        ({"not": "an array"}, "body"),
        ([good, "nope"], "[1]"),
        ([good, {**good, "Id": "not-a-guid"}], "[1].Id"),
        ([{**good, "VoucherDate": "07-03-2024"}], "[0].VoucherDate"),
        ([{**good, "VoucherNumber": "x"}], "[0].VoucherNumber"),
        ([{**good, "Lines": [{"AccountNumber": 5000}]}], "[0].Lines[0].Amount"),
        ([{**good, "Lines": [{"AccountNumber": 5000, "Amount": 1.005}]}], "[0].Lines[0].Amount"),
        (
            [{**good, "Lines": [{"AccountNumber": 99999, "Amount": 1}]}],
            "[0].Lines[0].AccountNumber",
        ),
        ([{**good, "Lines": [{"Amount": 1}]}], "[0].Lines[0].AccountNumber"),
        (
            [{**good, "Lines": [{"AccountNumber": 5000, "Amount": 1, "AccountVatCode": "X9"}]}],
            "[0].Lines[0].AccountVatCode",
        ),
        (
            [{**good, "Lines": [{"Amount": 1, "IsPaymentForVoucherId": "nope"}]}],
            "[0].Lines[0].IsPaymentForVoucherId",
        ),
        ([good, {**good, "FileGuid": "no-such-file"}], "[1].FileGuid"),
    ):
        response = api.post(url(world, version="v1.2"), json=body, headers=alice)
        assert response.status_code == 400, (body, response.text)
        assert field in response.json()["validationErrors"], (field, response.json())
    assert api.post(url(world, "/ledgers"), json=[], headers=alice).json() == []
    blank = {**good, "Id": "", "FileGuid": "", "Lines": [{**good["Lines"][0], "Id": ""}]}
    assert api.post(url(world), json=[blank], headers=alice).status_code == 200


def test_every_id_already_in_use_is_named_and_nothing_is_added(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    first, second, fresh = (str(uuid.uuid4()) for _ in range(3))
    add(api, world, alice, [rent(Id=first), rent(Id=second)])
    response = api.post(
        url(world), json=[rent(Id=second), rent(Id=fresh), rent(Id=first.upper())], headers=alice
    )
    assert response.status_code == 400
    problems = response.json()["validationErrors"]
    assert set(problems) == {"[0].Id", "[2].Id"}
    assert all("already in use" in message for message in problems.values())
    fresh_read = api.post(url(world, "/ledgers"), json=[{"Id": fresh}], headers=alice)
    assert fresh_read.status_code == 404, fresh_read.text


def test_a_file_is_attached_and_another_organizations_items_are_not_found(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    upload = api.post(f"/v1/{world.pro_org}/files", files={"file": ("a.pdf", PDF)}, headers=alice)
    file_guid = upload.json()["FileGuid"]
    [mine] = add(api, world, alice, [rent(FileGuid=file_guid)])
    [listed] = api.post(url(world, "/ledgers"), json=[mine], headers=alice).json()
    assert listed["FileGuid"] == file_guid
    bob = minter.headers(email=world.bob_email)
    bobs = api.post(f"/v1/{world.other_org}/ledgeritems", json=[rent()], headers=bob).json()
    for path, method in (("/status", "POST"), ("/ledgers", "POST"), ("/book", "POST")):
        response = api.request(method, url(world, path), json=bobs, headers=alice)
        assert response.status_code == 404, (path, response.text)
    assert api.request("DELETE", url(world, "/delete"), json=bobs, headers=alice).status_code == 404


def test_the_ledger_holds_at_most_1000_unbooked_items(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    assert len(add(api, world, alice, [rent()] * 999)) == 999
    refused = api.post(url(world), json=[rent(), rent()], headers=alice)
    assert (refused.status_code, refused.json()["code"]) == (400, 43)
    assert "LedgerItems" in refused.json()["validationErrors"]
    assert len(add(api, world, alice, [rent()])) == 1
