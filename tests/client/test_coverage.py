"""docs/sdk.md's "Every endpoint" table names every operation bilag serves, and an SDK method that
exists for each: the proof behind "typed methods for every endpoint"."""

from __future__ import annotations

import re
from pathlib import Path

from bilag.app import create_app
from bilag.client import Client, MemoryTokenStore, OAuthApp, OAuthCredentials

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "sdk.md"
ROW = re.compile(r"^\| (GET|POST|PUT|DELETE) \| `(/[^`]*)` \| ([^|]+) \| (.+) \|$")
VERSIONED = re.compile(r"^/(v\d+(?:\.\d+)?)(/.*)$")
NOT_YET = "not yet"


def served_operations() -> dict[tuple[str, str], set[str]]:
    """(method, path without its version) -> the versions bilag serves it under."""
    served: dict[tuple[str, str], set[str]] = {}
    for path, operations in create_app().openapi()["paths"].items():
        if match := VERSIONED.match(path):
            version, rest = match.groups()
            for method in operations:
                served.setdefault((method.upper(), rest), set()).add(version)
    return served


def documented_rows() -> dict[tuple[str, str], tuple[set[str], str]]:
    rows: dict[tuple[str, str], tuple[set[str], str]] = {}
    for line in GUIDE.read_text().splitlines():
        if match := ROW.match(line):
            method, path, versions, sdk = match.groups()
            assert (method, path) not in rows, f"{method} {path} is in the table twice"
            rows[method, path] = ({v.strip() for v in versions.split(",")}, sdk.strip())
    return rows


def resolve(client: Client, name: str) -> object:
    root, *attributes = name.strip("`").split(".")
    target: object = {"client": client, "books": client.books(1)}[root]
    for attribute in attributes:
        target = getattr(target, attribute)
    return target


def test_the_table_lists_every_operation_bilag_serves_with_its_versions() -> None:
    served = served_operations()
    rows = documented_rows()
    assert sorted(set(served) - set(rows)) == [], "operations missing from docs/sdk.md"
    assert sorted(set(rows) - set(served)) == [], "rows for operations bilag does not serve"
    wrong = {
        op: (rows[op][0], versions) for op, versions in served.items() if rows[op][0] != versions
    }
    assert wrong == {}


def test_every_sdk_method_named_in_the_table_exists() -> None:
    credentials = OAuthCredentials(OAuthApp("isv_x", "secret"), MemoryTokenStore())
    with Client(credentials) as client:
        for (method, path), (_versions, sdk) in documented_rows().items():
            if sdk == NOT_YET:
                continue
            for name in sdk.split(", "):
                assert callable(resolve(client, name)), f"{method} {path}: {name}"


def test_no_operation_is_left_without_an_sdk_method() -> None:
    missing = [f"{m} {p}" for (m, p), (_v, sdk) in documented_rows().items() if sdk == NOT_YET]
    assert missing == []
