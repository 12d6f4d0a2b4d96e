"""Resetting an organization: its books emptied and seeded as a new one's, in one transaction;
its people, keys and grants kept; every other organization untouched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.context import Services
from bilag.identity.sandbox import reset as reset_module
from bilag.identity.sandbox.errors import SandboxNotFound
from bilag.identity.sandbox.reset import bookkeeping_deletes, reset_organization
from bilag.ledger.chart import STANDARD_CHART
from bilag.storage.models import (
    Account,
    AccountingYear,
    ApiKey,
    Contact,
    Grant,
    JournalEntry,
    Membership,
)
from tests.api.conftest import Minter
from tests.api.file_samples import PDF
from tests.api.journal_helpers import book_manual, sale
from tests.api.sales_helpers import TODAY, booked_invoice
from tests.factories import World


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        sandbox=True,
    )


@pytest.fixture
def minter(services: Services, world: World) -> Minter:
    return Minter(services.database, services.keys, services.settings, world)


def fill_books(client: TestClient, world: World, headers: dict[str, str]) -> None:
    """A contact, a booked invoice, a file on a booked manual voucher and a product."""
    org = world.pro_org
    uploaded = client.post(
        f"/v1/{org}/files", files={"file": ("bon.pdf", PDF, "application/pdf")}, headers=headers
    )
    assert uploaded.status_code == 200, uploaded.text
    book_manual(client, world, headers, {**sale(TODAY), "FileGuid": uploaded.json()["FileGuid"]})
    booked_invoice(client, world, headers)
    product = client.post(
        f"/v1/{org}/products",
        json={"Name": "Rådgivning", "BaseAmountValue": 800, "Quantity": 1, "AccountNumber": 1000,
              "Unit": "hours"},
        headers=headers,
    )  # fmt: skip
    assert product.status_code in (200, 201), product.text


def settle_usage(client: TestClient) -> None:
    """Store the usage counts of the requests so far, so that none lands while rows are counted."""
    client.app.state.api.usage.flush()  # type: ignore[attr-defined]


def rows_left(services: Services, organization_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    with services.database.read() as session:
        for table, statement in bookkeeping_deletes(organization_id):
            query = select(func.count()).select_from(table).where(statement.whereclause)  # type: ignore[arg-type]
            counts[table.name] = int(session.scalar(query) or 0)
    return counts


def kept(services: Services, organization_id: int) -> tuple[int, int, int]:
    with services.database.read() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).where(column == organization_id)) or 0)
            for column in (
                Membership.organization_id,
                ApiKey.organization_id,
                Grant.organization_id,
            )
        )


def test_reset_empties_the_books_and_seeds_them_again(
    client: TestClient, services: Services, world: World, minter: Minter
) -> None:
    alice = minter.headers()
    minter.grant(organization_id=world.pro_org)  # a legacy grant bound to the organization
    fill_books(client, world, alice)
    bobs = client.post(
        f"/v1/{world.other_org}/contacts",
        json={
            "Name": "Bobs kunde",
            "CountryKey": "DK",
            "IsPerson": False,
            "IsMember": False,
            "UseCvr": False,
        },
        headers=minter.headers(email=world.bob_email),
    )
    assert bobs.status_code == 200, bobs.text
    settle_usage(client)
    before = rows_left(services, world.pro_org)
    assert before["journal_entries"] > 0 and before["voucher_lines"] > 0
    assert before["file_links"] > 0 and before["contacts"] > 0
    people_before = kept(services, world.pro_org)
    other_before = rows_left(services, world.other_org)

    deleted = reset_organization(services.database, world.pro_org)

    assert deleted["journal_entries"] == before["journal_entries"]
    after = rows_left(services, world.pro_org)
    seeded = {"accounts": len(STANDARD_CHART), "accounting_years": 1}
    assert after == {name: seeded.get(name, 0) for name in after}
    assert kept(services, world.pro_org) == people_before
    assert rows_left(services, world.other_org) == other_before
    with services.database.read() as session:
        year = session.scalars(
            select(AccountingYear).where(AccountingYear.organization_id == world.pro_org)
        ).one()
        assert year.name == str(TODAY.year)
        assert session.scalar(
            select(func.count()).where(Account.organization_id == world.pro_org)
        ) == len(STANDARD_CHART)
    # The organization works as a new one: the same token, an empty list, numbering from 1.
    listed = client.get(f"/v1/{world.pro_org}/contacts", headers=alice)
    assert listed.status_code == 200 and listed.json()["Collection"] == []
    assert book_manual(client, world, alice, sale(TODAY))["VoucherNumber"] == 1


def test_a_failed_reset_changes_nothing(
    client: TestClient,
    services: Services,
    world: World,
    minter: Minter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_books(client, world, minter.headers())
    settle_usage(client)
    before = rows_left(services, world.pro_org)

    def seeding_fails(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(reset_module, "seed_organization", seeding_fails)
    with pytest.raises(RuntimeError):
        reset_organization(services.database, world.pro_org)
    assert rows_left(services, world.pro_org) == before


def test_an_unknown_organization_is_named(services: Services, world: World) -> None:
    with pytest.raises(SandboxNotFound, match="no organization 999999"):
        reset_organization(services.database, 999_999)
    with services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == 0
        assert session.scalar(select(func.count()).select_from(Contact)) == 0
