"""`bilag usage` prints what the API counted in `usage_counters`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bilag.cli import main
from bilag.storage.db import Database
from bilag.storage.models import UsageCounter
from tests.cli.conftest import Bilag

COUNTS = {
    ("isv_shop", 100001, "2xx"): 1234,
    ("isv_shop", 100001, "401"): 7,
    ("isv_shop", 100001, "429"): 3,
    ("isv_shop", 100002, "403"): 55,
    ("-", 0, "401"): 9,
    ("isv_shop", 100002, "4xx"): 2,
}


def insert_counts(database: Database) -> None:
    with database.write() as session:
        for (client_id, organization_id, status), count in COUNTS.items():
            session.add(
                UsageCounter(
                    client_id=client_id, organization_id=organization_id, status=status, count=count
                )
            )


def test_nothing_counted_yet(bilag: Bilag) -> None:
    assert "No API responses" in bilag.ok("usage").output
    assert json.loads(bilag.ok("usage", "--json").output) == []


def test_table_of_responses_per_client_and_organization(bilag: Bilag, database: Database) -> None:
    insert_counts(database)
    lines = bilag.ok("usage").output.splitlines()
    header = next(line for line in lines if "client" in line).split()
    assert header == ["client", "organization", "2xx", "400", "401", "403", "429", "5xx",
                      "other", "total"]  # fmt: skip
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in lines if "isv_" in line}
    assert rows[("isv_shop", "100001")] == ["1234", "0", "7", "0", "3", "0", "0", "1244"]
    assert rows[("isv_shop", "100002")] == ["0", "0", "0", "55", "0", "0", "2", "57"]
    anonymous = next(line.split() for line in lines if line.split()[:1] == ["-"])
    assert anonymous == ["-", "-", "0", "0", "9", "0", "0", "0", "0", "9"]


def test_json(bilag: Bilag, database: Database) -> None:
    insert_counts(database)
    documents = json.loads(bilag.ok("usage", "--json").output)
    shop = next(d for d in documents if d["organization_id"] == 100001)
    assert shop["client_id"] == "isv_shop"
    assert shop["counts"]["2xx"] == 1234 and shop["counts"]["429"] == 3
    assert len(documents) == 3


def test_counts_come_from_redis_when_it_is_configured(database_url: str, redis_url: str) -> None:
    from collections import Counter

    from redis import Redis

    from bilag.api.usage import RedisUsageSink

    client = Redis.from_url(redis_url)
    try:
        RedisUsageSink(client).add(Counter({("isv_shop", 100001, "429"): 4}))
    finally:
        client.close()
    env = {**Bilag(database_url, "unused-files").env, "BILAG_REDIS_URL": redis_url}
    result = CliRunner().invoke(main, ["usage", "--json"], env=env)
    assert result.exit_code == 0, result.output
    documents = json.loads(result.output)
    assert documents == [
        {
            "client_id": "isv_shop",
            "organization_id": 100001,
            "counts": {"2xx": 0, "400": 0, "401": 0, "403": 0, "429": 4, "5xx": 0, "other": 0},
        }
    ]
