"""An application's API responses per hour, by organization and status class: the read side.

`api.usage` writes the hour buckets (table `usage_hourly`, or in Redis one hash per client and
hour, `bilag:usage:hourly:{client_id}:{YYYYMMDDHH}`, fields `{organization_id}|{status}`, kept
`HOURLY_RETENTION` and then expired); the developer portal reads them here. Hours are naive UTC,
like every time in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from redis import Redis
from sqlalchemy import select

from bilag.storage.db import Database
from bilag.storage.models import UsageHourly

HOURLY_RETENTION = timedelta(days=8)
REDIS_HOURLY_PREFIX = "bilag:usage:hourly:"
PILE_UP_STATUSES = ("400", "401", "403")


@dataclass(frozen=True, order=True)
class HourCount:
    organization_id: int  # 0: none (no valid token, or no organization in the path)
    hour: datetime
    status: str
    count: int


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def hour_from_epoch(seconds: float) -> datetime:
    return datetime(1970, 1, 1) + timedelta(hours=int(seconds // 3600))


def redis_hour_key(client_id: str, hour: datetime) -> str:
    return f"{REDIS_HOURLY_PREFIX}{client_id}:{hour:%Y%m%d%H}"


def hourly_counts(
    database: Database,
    client_id: str,
    since: datetime,
    *,
    redis_url: str | None = None,
    until: datetime | None = None,
) -> list[HourCount]:
    """Every (organization, hour, status) count of `client_id` from the hour of `since` on."""
    first = hour_of(since)
    if redis_url:
        return _from_redis(redis_url, client_id, first, hour_of(until or datetime.max))
    with database.read() as session:
        rows = session.execute(
            select(
                UsageHourly.organization_id, UsageHourly.hour, UsageHourly.status, UsageHourly.count
            ).where(UsageHourly.client_id == client_id, UsageHourly.hour >= first)
        ).all()
    return sorted(HourCount(int(o), h, str(s), int(c)) for o, h, s, c in rows)


def _from_redis(redis_url: str, client_id: str, first: datetime, last: datetime) -> list[HourCount]:
    hours: list[datetime] = []
    hour = first
    limit = first + HOURLY_RETENTION
    while hour <= min(last, limit):
        hours.append(hour)
        hour += timedelta(hours=1)
    client = Redis.from_url(redis_url)
    try:
        pipeline = client.pipeline(transaction=False)
        for hour in hours:
            pipeline.hgetall(redis_hour_key(client_id, hour))
        replies = pipeline.execute()
    finally:
        client.close()
    counts: list[HourCount] = []
    for hour, fields in zip(hours, replies, strict=True):
        for name, value in fields.items():
            organization_id, status = name.decode().split("|", 1)
            counts.append(HourCount(int(organization_id), hour, status, int(value)))
    return sorted(counts)
