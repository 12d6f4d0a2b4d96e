"""Ledger items under two uvicorn worker processes: every batch is booked once, numbers unique."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bilag.storage.db import Database
from bilag.storage.models import JournalEntry
from tests.api.ledger_item_helpers import rent
from tests.api.test_multiworker import _serve, _world_and_token

pytestmark = pytest.mark.slow


def test_batches_booked_through_two_workers_are_booked_once(database_url: str) -> None:
    with _serve(database_url, None) as base_url:
        world, headers = _world_and_token(database_url, base_url)
        url = f"{base_url}/v1/{world.pro_org}/ledgeritems"
        with httpx.Client(headers=headers, timeout=60) as http:
            batches = [http.post(url, json=[rent(), rent()]).json() for _ in range(10)]

            def book(batch: list[Any]) -> int:
                return http.post(url + "/book", json=batch).status_code

            with ThreadPoolExecutor(5) as pool:
                assert set(pool.map(book, batches * 2)) == {200, 400}
            ids = [{"Id": item["Id"]} for batch in batches for item in batch]
            deadline = time.monotonic() + 30
            found: list[Any] = []
            while time.monotonic() < deadline:
                found = http.post(url + "/status", json=ids).json()
                if all(item["Status"] == "Booked" for item in found):
                    break
                time.sleep(0.1)
    assert sorted(item["VoucherNumber"] for item in found) == list(range(1, 21))
    database = Database(database_url)
    try:
        with database.read() as session:
            guids = session.scalars(select(JournalEntry.voucher_guid)).all()
    finally:
        database.dispose()
    assert Counter(guids) == {item["Id"]: 2 for item in ids}
