"""VAT types and accounting years."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from starlette.testclient import TestClient

from bilag.storage.models import AccountingYear
from tests.factories import World


def test_vat_types_are_dinero_shaped(api: TestClient, world: World, alice: dict[str, str]) -> None:
    listed = api.get(f"/v1/{world.pro_org}/vatTypes", headers=alice)
    assert listed.status_code == 200
    types = {item["VatCode"]: item for item in listed.json()}
    assert types["I25"] == {"VatCode": "I25", "Name": "Dansk købsmoms", "VatRate": 0.25}
    assert types["U25"]["VatRate"] == 0.25
    assert {"IEUV", "IEUY", "IVV", "IVY", "UEUV", "UEUY", "UVC"} <= set(types)
    assert all(set(item) == {"VatCode", "Name", "VatRate"} for item in types.values())
    assert api.get(f"/v1/{world.other_org}/vatTypes", headers=alice).status_code == 401


def test_a_new_organization_has_the_current_calendar_year(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    year = datetime.now(UTC).year
    listed = api.get(f"/v1/{world.pro_org}/accountingyears", headers=alice)
    assert listed.json() == [
        {
            "Name": str(year),
            "FromDate": f"{year}-01-01",
            "ToDate": f"{year}-12-31",
            "SalarySumTaxStateEnum": "None",
        }
    ]
    assert api.get(f"/v1/{world.other_org}/accountingyears", headers=alice).status_code == 401


def test_create_current_year_refuses_an_existing_year_and_needs_the_one_before(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    url = f"/v1/{world.pro_org}/accountingyears/create-current-year"
    exists = api.post(url, headers=alice)
    assert (exists.status_code, exists.json()["code"]) == (400, 45)
    database = api.app.state.services.database  # type: ignore[attr-defined]
    with database.write() as session:
        session.execute(
            delete(AccountingYear).where(AccountingYear.organization_id == world.pro_org)
        )
    created = api.post(url, headers=alice)
    year = datetime.now(UTC).year
    assert created.status_code == 200
    assert created.json()["Name"] == str(year)
    assert [
        y["Name"] for y in api.get(f"/v1/{world.pro_org}/accountingyears", headers=alice).json()
    ] == [str(year)]
    with database.read() as session:
        count = session.scalar(select(func.count()).select_from(AccountingYear))
    assert count == 3  # one per organization of the world, none doubled


def test_create_current_year_after_a_gap_is_error_47(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    database = api.app.state.services.database  # type: ignore[attr-defined]
    year = datetime.now(UTC).year
    with database.write() as session:
        row = session.scalars(
            select(AccountingYear).where(AccountingYear.organization_id == world.pro_org)
        ).one()
        row.from_date = row.from_date.replace(year=year - 2)
        row.to_date = row.to_date.replace(year=year - 2)
        row.name = str(year - 2)
    answer = api.post(f"/v1/{world.pro_org}/accountingyears/create-current-year", headers=alice)
    assert (answer.status_code, answer.json()["code"]) == (400, 47)
