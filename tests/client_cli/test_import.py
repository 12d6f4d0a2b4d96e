"""`import ledger`: a bank statement read, checked line by line, and booked on a live bilag."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from bilag.client import (
    ApiKeyCredentials,
    Client,
    Endpoints,
    JournalLine,
    LedgerItemDraft,
    OAuthApp,
)
from bilag.client_cli._import import line_ids
from bilag.client_cli._statement import StatementError, read_statement
from tests.client_cli.conftest import BilagClient, Server

PRO = "Demo Pro ApS"
TODAY = datetime.date.today()
SHOPS = ("Netto", "Føtex", "Circle K", "DSB", "Bauhaus", "Telia")


def statement_date(days_ago: int) -> datetime.date:
    """A date in this year's books, as far back as the statement goes."""
    return max(TODAY - datetime.timedelta(days=days_ago), TODAY.replace(month=1, day=1))


def danish(amount: Decimal) -> str:
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{'-' if amount < 0 else ''}{grouped},{cents}"


def test_a_danish_export_is_read_with_its_header_and_balance_column() -> None:
    content = (
        "Dato;Tekst;Beløb;Saldo\n"
        "25-11-2026;Netto;-125,50;10.000,00\n"
        "\n"
        '26.11.2026;"Løn; november";1.234,50;11.234,50\n'
    ).encode("cp1252")
    lines = read_statement(content)
    assert [(line.line, line.date, line.text, line.amount) for line in lines] == [
        (2, datetime.date(2026, 11, 25), "Netto", Decimal("-125.50")),
        (4, datetime.date(2026, 11, 26), "Løn; november", Decimal("1234.50")),
    ]


def test_plain_csv_uses_a_decimal_point() -> None:
    lines = read_statement(b"2026-11-25,Netto,-125.50\n2026-11-26,Rema,-1000\n")
    assert [line.amount for line in lines] == [Decimal("-125.50"), Decimal("-1000")]


def test_every_bad_line_is_named() -> None:
    content = "25-11-2026;Netto;-125,50\n32-11-2026;Rema;-10,00\n26-11-2026;Irma\n"
    content += "26-11-2026;Lidl;ti kroner\n26-11-2026;Nul;0,00\n26-11-2026;Øre;1,005\n"
    with pytest.raises(StatementError) as raised:
        read_statement(content.encode())
    assert raised.value.problems == [
        "line 2: '32-11-2026' is not a date (DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD)",
        "line 3: expected date, text and amount, found 2 column(s)",
        "line 4: 'ti kroner' is not an amount (write it as -125,50)",
        "line 5: the amount is 0",
        "line 6: the amount 1,005 has more than two decimals",
    ]
    with pytest.raises(StatementError, match="the file holds no lines"):
        read_statement(b"Dato;Tekst;Bel\xf8b\n")


@pytest.fixture(scope="module")
def cli(server: Server, tmp_path_factory: pytest.TempPathFactory) -> BilagClient:
    client = BilagClient(server, tmp_path_factory.mktemp("config") / "tokens.json")
    client.ok(*client.app_options(), "login", "--api-key", server.api_key(PRO))
    return client


def sdk_client(server: Server) -> Client:
    app = OAuthApp(server.client_id, server.client_secret)
    endpoints = Endpoints.single_origin(server.base_url)
    credentials = ApiKeyCredentials(app, server.api_key(PRO), endpoints=endpoints)
    return Client(credentials, endpoints=endpoints)


def unbooked(server: Server) -> list[object]:
    """The organization's kassekladde drafts, read with the SDK directly."""
    org = server.org(PRO)
    with sdk_client(server) as client:
        found = client.request("POST", f"/v1/{org}/ledgeritems/ledgers", organization_id=org)
    return list(found)


@pytest.mark.slow
def test_a_bad_line_stops_the_import_before_anything_is_sent(
    cli: BilagClient, server: Server, tmp_path: Path
) -> None:
    before = cli.json("entries", "--from", TODAY.isoformat(), "--to", TODAY.isoformat())
    drafts = unbooked(server)  # the demo's own three
    path = tmp_path / "konto.csv"
    day = TODAY.strftime("%d-%m-%Y")
    path.write_text(f"{day};Netto;-125,50\n{day};Rema;-12.5O\n{day};Irma;-10,00\n")
    result = cli.fails(
        "import", "ledger", str(path), "--account", "55000", "--contra-account", "6000"
    )
    assert "nothing was sent" in result.stderr
    assert "line 2: '-12.5O' is not an amount" in result.stderr
    assert "line 1" not in result.stderr and "line 3" not in result.stderr
    assert unbooked(server) == drafts
    after = cli.json("entries", "--from", TODAY.isoformat(), "--to", TODAY.isoformat())
    assert after == before


@pytest.mark.slow
def test_an_unknown_account_stops_the_import(
    cli: BilagClient, server: Server, tmp_path: Path
) -> None:
    drafts = unbooked(server)
    path = tmp_path / "konto.csv"
    path.write_text(f"{TODAY.isoformat()},Netto,-125.50\n")
    result = cli.fails("import", "ledger", str(path), "--account", "55000", "--contra-account", "1")
    assert "the organization has no account 1; nothing was added" in result.stderr
    assert unbooked(server) == drafts


@pytest.mark.slow
def test_a_statement_of_thirty_lines_ends_booked(
    cli: BilagClient, server: Server, tmp_path: Path
) -> None:
    amounts = [
        Decimal(-1750 * (i % 3 == 0) - 19 * i - i / 4).quantize(Decimal("0.01"))
        for i in range(1, 31)
    ]
    amounts[10] = Decimal("25000.00")  # a salary in
    rows = [
        f"{statement_date(30 - i).strftime('%d-%m-%Y')};{SHOPS[i % 6]} {i};{danish(amount)};0,00"
        for i, amount in enumerate(amounts)
    ]
    drafts = unbooked(server)
    path = tmp_path / "bank.csv"
    path.write_bytes(("Dato;Tekst;Beløb;Saldo\n" + "\n".join(rows) + "\n").encode("cp1252"))

    result = cli.ok(
        "import", "ledger", str(path), "--account", "55000", "--contra-account", "6400",
        "--batch-size", "12", "--json",
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["lines"] == 30 and report["booked"] == 30
    assert Decimal(str(report["total"])) == sum(amounts)
    assert [item["line"] for item in report["items"]] == list(range(2, 32))
    assert {item["status"] for item in report["items"]} == {"Booked"}
    assert "Booked" in result.stderr  # the progress bar

    numbers = {item["voucher_number"] for item in report["items"]}
    assert len(numbers) == 30
    postings = cli.json(
        "entries", "--from", statement_date(30).isoformat(), "--to", TODAY.isoformat()
    )
    bank = [e for e in postings if e["voucher_number"] in numbers and e["account_number"] == 55000]
    assert sorted(Decimal(str(e["amount"])) for e in bank) == sorted(amounts)
    assert unbooked(server) == drafts

    windows = cli.token_file.parent.glob("ratelimit-*.json")  # the limiter's, beside the tokens
    paced_calls = sum(len(json.loads(window.read_text())) for window in windows)
    assert paced_calls >= 2 + 3 * 4  # the accounts, and per batch two adds, a book, a status


@pytest.mark.slow
def test_the_import_prints_a_summary_table(cli: BilagClient, tmp_path: Path) -> None:
    path = tmp_path / "konto.csv"
    path.write_text(f"date,text,amount\n{TODAY.isoformat()},Gebyr,-25.00\n")
    result = cli.ok("import", "ledger", str(path), "--account", "55000", "--contra-account", "6400")
    assert "Imported konto.csv" in result.stdout and "-25.00" in result.stdout


@pytest.mark.slow
def test_a_statement_imported_again_books_only_the_lines_not_booked_before(
    cli: BilagClient, server: Server, tmp_path: Path
) -> None:
    drafts = unbooked(server)
    day = [statement_date(days_ago).isoformat() for days_ago in (9, 8, 7)]
    first = [f"{day[0]},Kaffe,-42.00", f"{day[1]},Kaffe,-42.00", f"{day[1]},Kaffe,-42.00"]
    first.append(f"{day[2]},Husleje,-8000.00")
    path = tmp_path / "bank.csv"
    path.write_text("\n".join(first) + "\n")
    options = ("--account", "55000", "--contra-account", "6400", "--json")
    report = json.loads(cli.ok("import", "ledger", str(path), *options).stdout)
    assert report["booked"] == 4 and report["imported_before"] == 0
    numbers = [item["voucher_number"] for item in report["items"]]

    later = [*first, f"{day[2]},Gebyr,-25.00", f"{day[1]},Kaffe,-42.00", f"{day[2]},Løn,25000"]
    ids = line_ids(read_statement("\n".join(later).encode()), server.org(PRO), 55000)
    with sdk_client(server) as client:  # an import interrupted after adding the fee's line
        line = JournalLine(Decimal("-25.00"), account_number=55000, balancing_account_number=6400)
        client.books(server.org(PRO)).ledger.add(
            LedgerItemDraft(datetime.date.fromisoformat(day[2]), [line], id=ids[4])
        )
    path.write_text("\n".join(later) + "\n")
    again = json.loads(cli.ok("import", "ledger", str(path), *options).stdout)

    assert again["lines"] == 7 and again["imported_before"] == 4 and again["booked"] == 3
    assert [item["imported_before"] for item in again["items"]] == [True] * 4 + [False] * 3
    assert [item["voucher_number"] for item in again["items"][:4]] == numbers
    assert {item["status"] for item in again["items"]} == {"Booked"}
    assert [item["id"] for item in again["items"]] == ids
    postings = cli.json("entries", "--from", day[0], "--to", day[2])
    booked = {item["voucher_number"] for item in again["items"]}
    bank = [e for e in postings if e["voucher_number"] in booked and e["account_number"] == 55000]
    assert sorted(Decimal(str(e["amount"])) for e in bank) == sorted(
        Decimal(row.rsplit(",", 1)[1]) for row in later
    )
    assert unbooked(server) == drafts
