"""A Hypothesis state machine that drives the booking API the way integrations do: vouchers
created, updated, booked and deleted, purchases paid, kassekladde batches added and booked, all
interleaved across two organizations, together with the sales rules of `sales_machine`: invoices
and sales credit notes drafted, updated (also with a stale Timestamp), deleted, booked (also
without a contact, and twice), credited, paid in part, in full, over or with the remainder as a
fee, in DKK and EUR, and their payments deleted. After every step the books must still hold:

- every organization's trial balance is zero;
- entries once written never change, and none disappear;
- voucher numbers are unique and gap-free per organization and accounting year;
- invoice and credit note numbers are one unique, gap-free series 1..n per organization;
- a booked invoice's or credit note's entries are the model's: debtors = -(sales + VAT) in DKK;
- each booked document's PaymentStatus, and the PaidAmount of its payments, follow from the
  payments made (Paid, OverPaid, Overdue or Booked);
- the /sales list shows every document that is not deleted, with its status, number and total;
- neither organization can read the other's vouchers, invoices, credit notes or payments.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.storage.models import JournalEntry, Voucher
from tests.api.conftest import Minter
from tests.api.sales_machine import sales_rules
from tests.factories import World

TODAY = date.today().isoformat()
amounts = st.integers(min_value=1, max_value=5_000_000).map(lambda ore: ore / 100)
expense_accounts = st.sampled_from([2000, 4000, 5000, 6000, 6100, 7000])
deposit_accounts = st.sampled_from([55000, 55010, 55020])


def _manual_body(amount: float, account: int, deposit: int) -> dict[str, Any]:
    return {
        "VoucherDate": TODAY,
        "Lines": [
            {"AccountNumber": account, "BalancingAccountNumber": deposit, "Amount": amount},
            {
                "AccountNumber": deposit,
                "BalancingAccountNumber": 1000,
                "Amount": amount,
                "BalancingAccountVatCode": "U25",
            },
        ],
    }


def run_books_machine(api: TestClient, app: Any, world: World, minter: Minter) -> None:
    headers = {
        world.pro_org: minter.headers(),
        world.other_org: minter.headers(email=world.bob_email),
    }
    database = app.state.services.database

    class Books(sales_rules(api, database, headers)):  # type: ignore[misc]
        drafts = Bundle("drafts")
        booked = Bundle("booked")

        def __init__(self) -> None:
            super().__init__()
            self.seen_entries: dict[int, tuple[Any, ...]] = {}
            self.vouchers: dict[str, int] = {}
            self.paid: set[str] = set()

        def _post(self, organization: int, path: str, body: Any) -> Any:
            return api.post(f"/v1/{organization}/{path}", json=body, headers=headers[organization])

        @rule(
            target=drafts,
            organization=st.sampled_from(sorted(headers)),
            amount=amounts,
            account=expense_accounts,
            deposit=deposit_accounts,
        )
        def create_manual(self, organization: int, amount: float, account: int, deposit: int):
            response = self._post(
                organization, "vouchers/manuel", _manual_body(amount, account, deposit)
            )
            assert response.status_code == 200, response.text
            voucher = response.json()
            self.vouchers[voucher["Guid"]] = organization
            return ("manuel", organization, voucher["Guid"], voucher["Timestamp"])

        @rule(
            target=drafts,
            organization=st.sampled_from(sorted(headers)),
            amount=amounts,
            account=expense_accounts,
            credit=st.booleans(),
        )
        def create_purchase(self, organization: int, amount: float, account: int, credit: bool):
            body: dict[str, Any] = {
                "PurchaseType": "cash",
                "VoucherDate": TODAY,
                "DepositAccountNumber": 55000,
                "Lines": [{"AccountNumber": account, "Amount": amount, "Description": "Køb"}],
            }
            if credit:
                contact = self._post(
                    organization,
                    "contacts",
                    {
                        "Name": "Lev",
                        "CountryKey": "DK",
                        "IsPerson": False,
                        "IsMember": False,
                        "UseCvr": False,
                    },
                )
                assert contact.status_code == 200, contact.text
                body.update(
                    PurchaseType="credit",
                    DepositAccountNumber=None,
                    PaymentDate=TODAY,
                    ContactGuid=contact.json()["ContactGuid"],
                )
            response = api.post(
                f"/v1.2/{organization}/vouchers/purchase", json=body, headers=headers[organization]
            )
            assert response.status_code == 200, response.text
            voucher = response.json()
            self.vouchers[voucher["Guid"]] = organization
            return ("purchase", organization, voucher["Guid"], voucher["Timestamp"])

        @rule(target=drafts, draft=consumes(drafts), amount=amounts, stale=st.booleans())
        def update(self, draft: tuple[str, int, str, str], amount: float, stale: bool):
            kind, organization, guid, timestamp = draft
            url = f"/v1/{organization}/vouchers/{kind}/{guid}"
            current = api.get(url, headers=headers[organization]).json()
            body = {**current, "Timestamp": "0000000000000000" if stale else timestamp}
            body["Lines"] = [{**current["Lines"][0], "Amount": amount}]
            response = api.put(url, json=body, headers=headers[organization])
            if stale:
                assert (response.status_code, response.json()["code"]) == (400, 58)
                return draft
            assert response.status_code == 200, response.text
            return (kind, organization, guid, response.json()["Timestamp"])

        @rule(target=booked, draft=consumes(drafts))
        def book(self, draft: tuple[str, int, str, str]):
            kind, organization, guid, timestamp = draft
            response = self._post(
                organization, f"vouchers/{kind}/{guid}/book", {"Timestamp": timestamp}
            )
            assert response.status_code == 200, response.text
            assert response.json()["VoucherNumber"] is not None
            return (kind, organization, guid, response.json()["Timestamp"])

        @rule(voucher=consumes(drafts) | consumes(booked))
        def delete(self, voucher: tuple[str, int, str, str]):
            kind, organization, guid, timestamp = voucher
            response = api.request(
                "DELETE",
                f"/v1/{organization}/vouchers/{kind}/{guid}",
                json={"Timestamp": timestamp},
                headers=headers[organization],
            )
            if guid in self.paid:  # a purchase with payments stays until they are deleted
                assert (response.status_code, response.json()["code"]) == (400, 45)
                return
            assert response.status_code == 200, response.text

        @rule(
            organization=st.sampled_from(sorted(headers)),
            sizes=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=3),
            amount=amounts,
            broken=st.booleans(),
        )
        def kassekladde_batch(
            self, organization: int, sizes: list[int], amount: float, broken: bool
        ) -> None:
            items = [
                {
                    "Id": str(uuid.uuid4()),
                    "VoucherDate": TODAY,
                    "Lines": [
                        {
                            "Description": f"Linje {line}",
                            "AccountNumber": 6100,
                            "AccountVatCode": "I25",
                            "BalancingAccountNumber": 55000,
                            "Amount": amount,
                        }
                        for line in range(size)
                    ],
                }
                for size in sizes
            ]
            if broken:
                items[-1]["Lines"][0]["AccountNumber"] = 1
            added = api.post(
                f"/v1.2/{organization}/ledgeritems", json=items, headers=headers[organization]
            )
            if broken:
                assert added.status_code == 400, added.text
                return
            assert added.status_code == 200, added.text
            wanted = [{"Id": item["Id"]} for item in items]
            listed = self._post(organization, "ledgeritems/ledgers", wanted).json()
            versions = [{"Id": item["Id"], "Version": item["Version"]} for item in listed]
            assert len(versions) == len(items)
            book = self._post(organization, "ledgeritems/book", versions)
            assert book.status_code == 200, book.text
            for _ in range(200):
                status = self._post(organization, "ledgeritems/status", wanted).json()
                if all(item["Status"] == "Booked" for item in status):
                    break
                time.sleep(0.02)
            assert all(item["Status"] == "Booked" for item in status), status

        @rule(target=booked, voucher=consumes(booked), amount=amounts)
        def pay(self, voucher: tuple[str, int, str, str], amount: float):
            kind, organization, guid, _ = voucher
            if kind != "purchase":
                return voucher
            current = api.get(
                f"/v1/{organization}/vouchers/purchase/{guid}", headers=headers[organization]
            ).json()
            if current["PurchaseType"] != "credit":
                return voucher
            body = {
                "Amount": amount,
                "DepositAccountNumber": 55000,
                "Description": "Betaling",
                "RemainderIsFee": False,
                "Timestamp": current["Timestamp"],
            }
            response = api.post(
                f"/v1/{organization}/purchase-vouchers/{guid}/payments",
                json=body,
                headers=headers[organization],
            )
            assert response.status_code == 200, response.text
            self.paid.add(guid)
            return (kind, organization, guid, response.json()["TimeStamp"])

        @invariant()
        def trial_balance_is_zero(self) -> None:
            with database.read() as session:
                totals = session.execute(
                    select(
                        JournalEntry.organization_id, func.sum(JournalEntry.amount_ore)
                    ).group_by(JournalEntry.organization_id)
                ).all()
            assert all(total == 0 for _, total in totals), totals

        @invariant()
        def entries_never_change(self) -> None:
            with database.read() as session:
                rows = session.execute(
                    select(
                        JournalEntry.id,
                        JournalEntry.organization_id,
                        JournalEntry.account_number,
                        JournalEntry.amount_ore,
                        JournalEntry.voucher_guid,
                        JournalEntry.voucher_number,
                        JournalEntry.entry_date,
                    )
                ).all()
            current = {row[0]: tuple(row[1:]) for row in rows}
            for entry_id, before in self.seen_entries.items():
                assert current.get(entry_id) == before, entry_id
            self.seen_entries = current

        @invariant()
        def numbers_are_unique_and_gap_free(self) -> None:
            with database.read() as session:
                numbered = session.execute(
                    select(Voucher.organization_id, Voucher.year_from, Voucher.number).where(
                        Voucher.number.is_not(None)
                    )
                ).all()
            by_year: dict[tuple[int, Any], list[int]] = defaultdict(list)
            for organization, year, number in numbered:
                by_year[(organization, year)].append(number)
            for numbers in by_year.values():
                assert sorted(numbers) == list(range(1, len(numbers) + 1)), numbers

        @invariant()
        def no_organization_reads_another(self) -> None:
            for guid, owner in list(self.vouchers.items())[-3:]:
                for organization in headers:
                    if organization == owner:
                        continue
                    for kind in ("manuel", "purchase"):
                        response = api.get(
                            f"/v1/{organization}/vouchers/{kind}/{guid}",
                            headers=headers[organization],
                        )
                        assert response.status_code == 404, response.text

    run_state_machine_as_test(
        Books,
        settings=hypothesis_settings(
            max_examples=5,
            stateful_step_count=50,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Without the rate limit: the machine makes hundreds of calls a minute."""
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        rate_limit_per_minute=10**9,
    )


def test_the_books_hold_under_any_interleaving(
    api: TestClient, app: Any, world: World, minter: Minter
) -> None:
    run_books_machine(api, app, world, minter)
