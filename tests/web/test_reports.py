"""The report pages over real HTTP with real logins, on vouchers booked through the API: the
chart of accounts, entry search, the trial balance (zero, and the API's own figures), the
income statement and balance sheet with the monthly chart, bad queries and other organizations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from bilag.ledger.reports import YEAR_RESULT_LINE
from tests.web.browser import Browser
from tests.web.conftest import Site
from tests.web.ledger_pages import TODAY, api_client, book_through_api


@dataclass
class Books:
    site: Site
    alice: Browser
    org: int
    year: dict[str, Any]
    saldo: dict[int, Decimal]
    result: dict[int, Decimal]
    balance: dict[int, Decimal]
    entries: list[dict[str, Any]]

    def page(self, report: str, **params: str) -> Any:
        return self.alice.client.get(f"/app/{self.org}/reports/{report}", params=params)


def _line(text: str, account: int, amount: float, **extra: Any) -> dict[str, Any]:
    line = {"Description": text, "AccountNumber": account, "Amount": amount, **extra}
    return {"VoucherDate": TODAY, "Lines": [line]}


def _report(api: Any, org: int, year: str, kind: str) -> dict[int, Decimal]:
    answer = api.get(f"/v1/{org}/{year}/reports/{kind}", params={"includeSummaryAccount": "true"})
    assert answer.status_code == 200, answer.text
    return {line["AccountNumber"]: Decimal(str(line["Amount"])) for line in answer.json()}


@pytest.fixture
def books(site: Site) -> Iterator[Books]:
    org = site.world.pro_org
    with api_client(site.base_url, site.world, org) as api:
        book_through_api(
            api,
            org,
            [
                _line("Husleje", 5000, 8000.0, BalancingAccountNumber=55000),
                _line("Salg af konsulentydelse", 1000, -1250.0, BalancingAccountNumber=55000),
                _line("Kontorartikler", 6000, 250.0, BalancingAccountNumber=55000),
            ],
        )
        years = api.get(f"/v1/{org}/accountingyears").json()
        year = next(y for y in years if y["FromDate"] <= TODAY <= y["ToDate"])
        name = year["Name"]
        saldo = {
            line["AccountNumber"]: Decimal(str(line["Amount"]))
            for line in api.get(
                f"/v1/{org}/{name}/reports/saldo", params={"includeSummaryAccount": "false"}
            ).json()
        }
        result = _report(api, org, name, "result")
        balance = _report(api, org, name, "balance")
        period = {"fromDate": year["FromDate"], "toDate": year["ToDate"], "includePrimo": "false"}
        entries = api.get(f"/v1/{org}/entries", params=period).json()
    alice = site.logged_in_as(site.world.alice_email)
    yield Books(site, alice, org, year, saldo, result, balance, entries)


def _amounts(html: str) -> dict[int, Decimal]:
    rows = re.findall(r'data-account="(\d+)">.*?data-amount="([-0-9.]+)"', html, re.S)
    return {int(account): Decimal(amount) for account, amount in rows}


def test_the_chart_of_accounts_lists_numbers_names_vat_codes_and_types(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    page = alice.client.get(f"/app/{site.world.pro_org}/reports/accounts")
    assert page.status_code == 200
    assert re.search(
        r">1000</th>\s*<td>Salg af varer og ydelser m/moms</td>\s*<td>U25</td>", page.text
    )
    assert re.search(r">55000</th>\s*<td>Bank</td>\s*<td></td>\s*<td>Balance</td>", page.text)
    assert 'aria-current="page">Kontoplan<' in page.text


def test_the_trial_balance_sums_to_zero_and_matches_the_api(books: Books) -> None:
    page = books.page(
        "trial-balance", **{"from": books.year["FromDate"], "to": books.year["ToDate"]}
    )
    assert page.status_code == 200
    shown = _amounts(page.text)
    assert shown == {number: amount for number, amount in books.saldo.items() if amount}
    assert sum(shown.values()) == 0 and len(shown) >= 5
    assert re.search(r'id="trial-balance-sum" data-amount="0(\.00)?">0,00<', page.text)
    before = books.page("trial-balance", **{"from": "2000-01-01", "to": "2000-12-31"})
    assert before.status_code == 200 and "Ingen konti har saldo" in before.text
    bad = books.page("trial-balance", to="i morgen")
    assert bad.status_code == 400 and "Til dato skal være en dato" in bad.text


def test_entries_are_searched_by_text_account_and_period(books: Books) -> None:
    rent = books.page("entries", text="husleje")
    assert rent.status_code == 200
    assert rent.text.count("<td>Kassekladde</td>") == 2
    assert rent.text.count("<td>Husleje</td>") == 2 and "<td>Kontorartikler</td>" not in rent.text
    bank = books.page("entries", account="55000")
    assert bank.text.count("<td>55000 Bank</td>") == 3
    assert "Side 1 af 1 (3 posteringer)" in bank.text
    everything = books.page("entries")
    assert f"({len(books.entries)} posteringer)" in everything.text
    assert everything.text.count('<td class="num">') == 2 * len(books.entries)
    none = books.page("entries", text="ingenting")
    assert "Ingen posteringer passer" in none.text


BAD_SEARCHES = [
    ({"from": "1. januar"}, "Fra dato skal være en dato"),
    ({"from": "2026-02-01", "to": "2026-01-01"}, "Til dato må ikke ligge før fra dato"),
    ({"account": "bank"}, "Konto skal være et kontonummer"),
    ({"page": "0"}, "Side skal være et helt tal"),
]


def test_a_bad_search_is_named_with_a_400(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    for params, problem in BAD_SEARCHES:
        page = alice.client.get(f"/app/{site.world.pro_org}/reports/entries", params=params)
        assert page.status_code == 400, params
        assert problem in page.text


def test_the_year_reports_have_the_apis_figures_and_a_chart_by_month(books: Books) -> None:
    page = books.page("income-statement", year=books.year["Name"])
    assert page.status_code == 200
    assert _amounts(page.text) == books.result
    assert page.text.count('<rect class="bar') == 12
    months = re.findall(
        r'<td class="num" data-amount="([-0-9.]+)">', page.text.split('id="result-by-month"')[1]
    )
    assert len(months) == 12
    year_result = books.result[YEAR_RESULT_LINE[0]]
    assert sum(Decimal(m) for m in months) == -year_result
    assert 'role="img"' in page.text and "<desc" in page.text
    page = books.page("balance-sheet")
    assert page.status_code == 200
    assert _amounts(page.text) == books.balance
    assert f'action="/app/{books.org}/reports/balance-sheet"' in page.text
    unknown = books.page("balance-sheet", year="1999")
    assert unknown.status_code == 404 and "1999" in unknown.text


REPORTS = ("accounts", "entries", "trial-balance", "income-statement", "balance-sheet")


def test_another_organizations_reports_are_refused(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    other = site.world.other_org
    for report in REPORTS:
        refused = alice.client.get(f"/app/{other}/reports/{report}")
        assert refused.status_code == 403, report
        assert "Bob A/S" not in refused.text


def test_the_reports_speak_english_after_the_toggle(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    alice.client.get("/app/language", params={"to": "en", "next": "/app"})
    titles = {
        "accounts": "Chart of accounts",
        "entries": "Entries",
        "trial-balance": "Trial balance",
        "income-statement": "Income statement",
        "balance-sheet": "Balance sheet",
    }
    for report, title in titles.items():
        page = alice.client.get(f"/app/{site.world.pro_org}/reports/{report}")
        assert page.status_code == 200 and f"<h1>{title}</h1>" in page.text, report
        if report == "income-statement":
            assert "The year&#39;s result by month" in page.text
