"""The benchmarks' bare baseline endpoints: absent unless asked for, and when present they write
the rows the API's own flows write (bench/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.storage.models import JournalEntry, Voucher, VoucherLine
from tests.factories import World

TODAY = date.today().isoformat()
VOUCHER = {
    "PurchaseType": "cash",
    "VoucherDate": TODAY,
    "DepositAccountNumber": 55000,
    "Lines": [
        {"Description": "Varekøb", "AccountNumber": 2000, "VatCode": "I25", "Amount": 1250},
        {"Description": "Fremmed arbejde", "AccountNumber": 2400, "VatCode": "I25", "Amount": 500},
    ],
}
ITEMS = [
    {"VoucherDate": TODAY, "Lines": [{"Description": "Husleje", "AccountNumber": 5000,
                                      "BalancingAccountNumber": 55000, "Amount": 100.5}]},
    {"VoucherDate": TODAY, "Lines": [{"Description": "Husleje", "AccountNumber": 5000,
                                      "BalancingAccountNumber": 55000, "Amount": 7}]},
]  # fmt: skip


@pytest.fixture
def settings(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    return Settings.from_env(
        env={"BILAG_BENCH_ENDPOINTS": getattr(request, "param", "1")},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
    )


@pytest.mark.parametrize("settings", ["0"], indirect=True)
def test_the_bare_endpoints_are_absent_unless_asked_for(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    url = f"/bench/{world.pro_org}/purchase-voucher"
    assert api.post(url, json=VOUCHER, headers=alice).status_code == 404


def test_the_bare_purchase_voucher_writes_a_booked_voucher_with_balanced_entries(
    api: TestClient, app: Any, world: World, alice: dict[str, str]
) -> None:
    url = f"/bench/{world.pro_org}/purchase-voucher"
    assert api.post(url, json=VOUCHER).status_code == 401  # the same front door as the API
    first = api.post(url, json=VOUCHER, headers=alice).json()
    second = api.post(url, json=VOUCHER, headers=alice).json()
    assert second["VoucherNumber"] == first["VoucherNumber"] + 1
    with app.state.services.database.read() as session:
        voucher = session.get(Voucher, first["Guid"])
        assert voucher is not None
        assert (voucher.status, voucher.kind, voucher.purchase_type) == (
            "booked",
            "purchase",
            "cash",
        )
        lines = session.scalar(select(func.count()).where(VoucherLine.voucher_guid == voucher.guid))
        entries = session.execute(
            select(JournalEntry.account_number, JournalEntry.amount_ore)
            .where(JournalEntry.voucher_guid == voucher.guid)
            .order_by(JournalEntry.id)
        ).all()
    assert lines == 2
    assert [tuple(entry) for entry in entries] == [
        (2000, 100000), (64010, 25000), (55000, -125000),
        (2400, 40000), (64010, 10000), (55000, -50000),
    ]  # fmt: skip


def test_the_bare_ledger_postings_write_two_entries_a_line(
    api: TestClient, app: Any, world: World, alice: dict[str, str]
) -> None:
    response = api.post(f"/bench/{world.pro_org}/ledger-postings", json=ITEMS, headers=alice)
    assert response.json() == {"Postings": 4}
    with app.state.services.database.read() as session:
        amounts = session.scalars(
            select(JournalEntry.amount_ore).where(JournalEntry.organization_id == world.pro_org)
        ).all()
    assert sorted(amounts) == [-10050, -700, 700, 10050]
