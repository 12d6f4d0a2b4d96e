"""The year's reports over the API: saldo, result, balance and primo, and each option."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from starlette.testclient import TestClient

from bilag.ledger.chart import STANDARD_CHART
from tests.api.conftest import Minter
from tests.api.journal_helpers import (
    THIS_YEAR,
    book_in_storage,
    book_manual,
    purchase_postings,
    sale,
)
from tests.api.ledger_item_helpers import add, book, book_pending, rent, wait_booked
from tests.factories import World

PLAIN = "includeSummaryAccount=false"


def _report(
    api: TestClient,
    world: World,
    headers: dict[str, str],
    kind: str,
    query: str = PLAIN,
    year: int = THIS_YEAR,
) -> list[dict[str, Any]]:
    response = api.get(f"/v1/{world.pro_org}/{year}/reports/{kind}?{query}", headers=headers)
    assert response.status_code == 200, response.text
    lines: list[dict[str, Any]] = response.json()
    assert all(set(line) == {"AccountName", "AccountNumber", "Amount"} for line in lines)
    return lines


def _amounts(lines: list[dict[str, Any]]) -> list[tuple[int, float]]:
    return [(line["AccountNumber"], line["Amount"]) for line in lines]


@pytest.fixture
def booked_year(api: TestClient, world: World, alice: dict[str, str], app: Any) -> None:
    """A sale of 800 + 200 VAT into the bank, and office supplies for 100 + 25 VAT from it."""
    book_manual(api, world, alice, sale(date(THIS_YEAR, 3, 1)))
    book_in_storage(app, world.pro_org, "purchase", date(THIS_YEAR, 4, 1), purchase_postings())


@pytest.mark.usefixtures("booked_year")
def test_saldo_result_and_balance_split_the_year_and_the_trial_balance_is_zero(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    saldo = _report(api, world, alice, "saldo")
    assert _amounts(saldo) == [
        (1000, -800.0),
        (6000, 100.0),
        (55000, 875.0),
        (64000, -200.0),
        (64010, 25.0),
    ]
    assert sum(line["Amount"] for line in saldo) == 0
    assert saldo[0]["AccountName"] == "Salg af varer og ydelser m/moms"
    assert _amounts(_report(api, world, alice, "result")) == [(1000, -800.0), (6000, 100.0)]
    assert _amounts(_report(api, world, alice, "balance")) == [
        (55000, 875.0),
        (64000, -200.0),
        (64010, 25.0),
    ]
    assert _report(api, world, alice, "primo") == []


@pytest.mark.usefixtures("booked_year")
def test_the_next_year_opens_with_the_balance_and_the_result_in_equity(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    book_manual(api, world, alice, sale(date(THIS_YEAR + 1, 1, 10), amount=40.0))
    next_year = THIS_YEAR + 1
    primo = _report(api, world, alice, "primo", year=next_year)
    assert _amounts(primo) == [(55000, 875.0), (61200, -700.0), (64000, -200.0), (64010, 25.0)]
    assert _amounts(_report(api, world, alice, "result", year=next_year)) == [(1000, -40.0)]
    balance = _report(api, world, alice, "balance", year=next_year)
    assert _amounts(balance) == [
        (55000, 925.0),
        (61200, -700.0),
        (64000, -210.0),
        (64010, 25.0),
    ]
    saldo = _report(api, world, alice, "saldo", year=next_year)
    assert sum(line["Amount"] for line in saldo) == 0 and len(saldo) == 5


@pytest.mark.usefixtures("booked_year")
def test_summary_lines_follow_each_category_and_end_with_the_totals(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    saldo = _report(api, world, alice, "saldo", "")
    assert [(line["AccountNumber"], line["AccountName"], line["Amount"]) for line in saldo] == [
        (1000, "Salg af varer og ydelser m/moms", -800.0),
        (101000, "Omsætning i alt", -800.0),
        (6000, "Kontorartikler", 100.0),
        (106000, "Administrationsomkostninger i alt", 100.0),
        (55000, "Bank", 875.0),
        (155000, "Likvide beholdninger i alt", 875.0),
        (64000, "Salgsmoms", -200.0),
        (64010, "Købsmoms", 25.0),
        (164000, "Moms i alt", -175.0),
        (200001, "Årets resultat", -700.0),
        (200002, "Aktiver i alt", 875.0),
        (200003, "Passiver i alt", -175.0),
    ]
    result = _report(api, world, alice, "result", "includeSummaryAccount=TRUE")
    assert [line["AccountNumber"] for line in result][-1] == 200001
    balance = _report(api, world, alice, "balance", "")
    assert [line["AccountNumber"] for line in balance][-2:] == [200002, 200003]


@pytest.mark.usefixtures("booked_year")
def test_zero_accounts_numbers_and_vat_types_are_shown_when_asked(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    result = _report(api, world, alice, "result", f"{PLAIN}&showZeroAccount=true")
    result_accounts = [a.number for a in STANDARD_CHART if a.number < 50000]
    assert [line["AccountNumber"] for line in result] == result_accounts
    assert dict(_amounts(result))[2000] == 0
    saldo = _report(api, world, alice, "saldo", f"{PLAIN}&showZeroAccount=true")
    assert len(saldo) == len(STANDARD_CHART) and sum(line["Amount"] for line in saldo) == 0
    numbered = _report(api, world, alice, "saldo", f"{PLAIN}&showAccountNo=true")
    assert numbered[0]["AccountName"] == "1000 Salg af varer og ydelser m/moms"
    with_vat = _report(api, world, alice, "saldo", f"{PLAIN}&showVatType=true")
    names = {line["AccountNumber"]: line["AccountName"] for line in with_vat}
    assert (names[1000], names[6000], names[55000]) == (
        "Salg af varer og ydelser m/moms (U25)",
        "Kontorartikler (I25)",
        "Bank",
    )


@pytest.mark.usefixtures("booked_year")
def test_ledger_entries_count_only_when_asked_and_book_as_kassekladde(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    [item] = add(api, world, alice, [rent(50.0, VoucherDate=f"{THIS_YEAR}-05-01")])
    without = dict(_amounts(_report(api, world, alice, "saldo")))
    assert 5000 not in without and without[55000] == 875.0
    with_ledger = _report(api, world, alice, "saldo", f"{PLAIN}&includeLedgerEntries=true")
    amounts = dict(_amounts(with_ledger))
    assert (amounts[5000], amounts[55000]) == (50.0, 825.0)
    assert sum(amounts.values()) == 0
    assert _report(api, world, alice, "primo", f"{PLAIN}&includeLedgerEntries=true") == []
    assert book(api, world, alice, [item]).status_code == 200
    book_pending(app.state.services.database)  # or the app's own booker does it
    [booked] = wait_booked(api, world, alice, [item["Id"]])
    assert booked["Status"] == "Booked"
    also = _report(api, world, alice, "saldo", f"{PLAIN}&includeLedgerEntries=true")
    assert dict(_amounts(also)) == amounts
    entries = api.get(
        f"/v1/{world.pro_org}/entries?fromDate={THIS_YEAR}-05-01&toDate={THIS_YEAR}-05-01",
        headers=alice,
    ).json()
    assert {(e["AccountNumber"], e["Amount"], e["VoucherType"]) for e in entries} == {
        (5000, 50.0, "Kassekladde"),
        (55000, -50.0, "Kassekladde"),
    }


def test_an_unknown_year_or_bad_flag_is_400_naming_it(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    for year in ("1990", "abc"):
        response = api.get(f"/v1/{world.pro_org}/{year}/reports/saldo", headers=alice)
        assert (response.status_code, response.json()["code"]) == (400, 47)
        assert list(response.json()["validationErrors"]) == ["accountingYear"]
    flag = api.get(
        f"/v1/{world.pro_org}/{THIS_YEAR}/reports/result?showZeroAccount=1", headers=alice
    )
    assert (flag.status_code, list(flag.json()["validationErrors"])) == (400, ["showZeroAccount"])
    bob = minter.headers(email=world.bob_email)
    assert api.get(f"/v1/{world.pro_org}/{THIS_YEAR}/reports/saldo", headers=bob).status_code == 401


@pytest.mark.usefixtures("booked_year")
def test_another_organization_reports_nothing_of_it(
    api: TestClient, world: World, minter: Minter
) -> None:
    bob = minter.headers(email=world.bob_email)
    for kind in ("saldo", "result", "balance", "primo"):
        response = api.get(f"/v1/{world.other_org}/{THIS_YEAR}/reports/{kind}", headers=bob)
        assert response.status_code == 200 and response.json() == []


DINERO_OPENAPI = Path(__file__).resolve().parents[3] / "shared/reference/dinero-openapi.json"


@pytest.mark.usefixtures("booked_year")
def test_real_answers_validate_against_dinero_schemas(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    """The conformance test's generated dates rarely name a year with entries; these do."""
    later = THIS_YEAR + 1
    book_manual(api, world, alice, sale(date(later, 1, 10)))
    document = json.loads(DINERO_OPENAPI.read_text())
    now = datetime.now(UTC)
    window = f"changesFrom={now - timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ}&changesTo={now:%Y-%m-%d}"
    flags = "showZeroAccount=true&showAccountNo=true&showVatType=true&includeLedgerEntries=true"
    calls = {
        "/v1/{organizationId}/entries": f"fromDate={later}-01-01&toDate={later}-12-31",
        "/v1/{organizationId}/entries/changes": window,
        **{
            f"/v1/{{organizationId}}/{{accountingYear}}/reports/{kind}": flags
            for kind in ("saldo", "result", "balance", "primo")
        },
    }
    for path, query in calls.items():
        schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        validator = jsonschema_rs.Draft202012Validator(
            {**schema["schema"], "components": document["components"]}
        )
        url = path.replace("{organizationId}", str(world.pro_org))
        url = url.replace("{accountingYear}", str(THIS_YEAR + 1))
        answer = api.get(f"{url}?{query}", headers=alice)
        assert answer.status_code == 200, answer.text
        assert answer.json(), path
        assert [str(e) for e in validator.iter_errors(answer.json())] == [], path
