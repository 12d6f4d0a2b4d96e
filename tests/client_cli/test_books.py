"""Each books command against a live bilag, logged in with the Pro organization's API key."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.client_cli.conftest import BilagClient, Server

pytestmark = pytest.mark.slow

TODAY = datetime.date.today().isoformat()
RECEIPT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def cli(server: Server, tmp_path_factory: pytest.TempPathFactory) -> BilagClient:
    client = BilagClient(server, tmp_path_factory.mktemp("config") / "tokens.json")
    client.ok(*client.app_options(), "login", "--api-key", server.api_key("Demo Pro ApS"))
    return client


def test_contacts_create_and_list(cli: BilagClient) -> None:
    created = cli.json("contacts", "create", "Kaffe & Kage ApS", "--email", "hej@kaffe.dk")
    assert created["name"] == "Kaffe & Kage ApS"
    found = cli.json("contacts", "list", "--name", "Kaffe &")
    assert [(c["guid"], c["email"]) for c in found] == [(created["guid"], "hej@kaffe.dk")]
    assert cli.json("contacts", "list", "--name", "Kaffe &", "--person") == []
    assert "Kaffe & Kage ApS" in cli.ok("contacts", "list").stdout


def test_a_contact_without_a_name_is_refused_before_sending(cli: BilagClient) -> None:
    result = cli.fails("contacts", "create", " ")
    assert "Name is required" in result.stderr


def test_a_purchase_voucher_with_its_receipt_is_booked(cli: BilagClient, tmp_path: Path) -> None:
    receipt = tmp_path / "kvittering.pdf"
    receipt.write_bytes(RECEIPT)
    draft = cli.json(
        "vouchers", "purchase", "create", "--date", TODAY, "--amount", "125,50",
        "--account", "6000", "--vat-code", "I25", "--text", "Printerpapir",
        "--deposit-account", "55000", "--region", "DK", "--file", str(receipt),
    )  # fmt: skip
    assert draft["status"] == "Draft" and draft["file_guid"]
    booked = cli.json("vouchers", "purchase", "book", draft["guid"])
    assert booked["status"] == "Paid" and booked["voucher_number"] >= 1  # cash: paid at once
    postings = cli.json("entries", "--from", TODAY, "--to", TODAY)
    mine = [e for e in postings if e["voucher_guid"] == draft["guid"]]
    assert sum(Decimal(str(e["amount"])) for e in mine) == 0
    assert {e["account_number"] for e in mine} >= {6000, 55000}


def test_a_bad_purchase_is_refused_with_the_sdk_message(cli: BilagClient) -> None:
    result = cli.fails(
        "vouchers", "purchase", "create", "--amount", "10", "--account", "6000",
        "--credit", "--deposit-account", "55000",
    )  # fmt: skip
    assert "DepositAccountNumber belongs to cash purchases" in result.stderr
    assert cli("vouchers", "purchase", "create", "--amount", "1,2,3").exit_code == 2


def test_manual_voucher_create_and_book(cli: BilagClient) -> None:
    draft = cli.json(
        "manual", "create", "--amount", "800", "--account", "55000",
        "--balancing-account", "1000", "--balancing-vat-code", "U25", "--text", "Kortsalg",
    )  # fmt: skip
    assert draft["status"] == "Draft"
    table = cli.ok("manual", "book", draft["guid"]).stdout
    assert "Booked" in table and draft["guid"] in table
    booked_now = cli.json(
        "manual", "create", "--amount", "50", "--account", "55000",
        "--balancing-account", "6400", "--text", "Gebyr", "--book",
    )  # fmt: skip
    assert booked_now["status"] == "Booked"


def test_ledger_add_status_and_book(cli: BilagClient) -> None:
    added = cli.json(
        "ledger", "add", "--amount", "-312,50", "--account", "55000",
        "--balancing-account", "6100", "--balancing-vat-code", "I25", "--text", "Telefon",
    )  # fmt: skip
    assert added["id"] and added["version"]
    [draft] = cli.json("ledger", "status", added["id"])
    assert draft["status"] == "Draft" and draft["voucher_number"] is None
    [booked] = cli.json("ledger", "book", added["id"])
    assert booked["status"] == "Booked" and booked["voucher_number"] >= 1
    assert "Booked" in cli.ok("ledger", "status", added["id"]).stdout


def test_ledger_book_names_an_unknown_id(cli: BilagClient) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    result = cli.fails("ledger", "book", unknown)
    assert unknown in result.stderr


def test_files_upload_warns_that_the_file_is_unattached(cli: BilagClient, tmp_path: Path) -> None:
    path = tmp_path / "bilag.pdf"
    path.write_bytes(RECEIPT)
    result = cli.ok("files", "upload", str(path), "--json")
    assert "Note:" in result.stderr
    assert json.loads(result.stdout)["name"] == "bilag.pdf"


def test_entries_table_and_json(cli: BilagClient) -> None:
    rows = cli.json("entries", "--from", TODAY, "--to", TODAY)
    assert rows and all(row["date"].startswith(TODAY) for row in rows)
    table = cli.ok("entries", "--from", TODAY, "--to", TODAY).stdout
    assert "55000" in table and f"Entries {TODAY} to {TODAY}" in table


def test_the_console_script_runs_on_its_own(server: Server, tmp_path: Path) -> None:
    """The installed `bilag-client`, with only options and no profile: JSON alone on stdout."""
    script = Path(sys.executable).with_name("bilag-client")
    env = {**os.environ, "BILAG_CLIENT_TOKEN_FILE": str(tmp_path / "tokens.json")}
    options = ["--base-url", server.base_url, "--client-id", server.client_id]
    options += [
        "--client-secret",
        server.client_secret,
        "--api-key",
        server.api_key("Demo Pro ApS"),
    ]
    done = subprocess.run(
        [str(script), *options, "orgs", "--json"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert [org["name"] for org in json.loads(done.stdout)] == ["Demo Pro ApS"]
