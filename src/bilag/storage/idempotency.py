"""Idempotency records: claim a key for a request, then keep its response or let the key go.

A key is claimed per (organization id or 0, client id, key). The claim answers what to do:
`Run` the request (the key is new, expired, or its earlier run was abandoned), `Replay` the stored
response, `Mismatch` (the key was used for a different request) or `Running` (another request with
the key and the same body is still being served).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bilag.storage.db import Database
from bilag.storage.models import IdempotencyRecord, utcnow

KEEP_FOR = timedelta(hours=24)
# A run that has neither finished nor failed by then is taken to have died with its process.
ABANDONED_AFTER = timedelta(minutes=5)
_PURGE_EVERY = 256


@dataclass(frozen=True)
class IdempotencyKey:
    organization_id: int  # 0: no organization in the path
    client_id: str
    key: str

    @property
    def primary_key(self) -> tuple[int, str, str]:
        return (self.organization_id, self.client_id, self.key)


@dataclass(frozen=True)
class Run:
    pass


@dataclass(frozen=True)
class Replay:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True)
class Mismatch:
    pass


@dataclass(frozen=True)
class Running:
    pass


Claim = Run | Replay | Mismatch | Running
_claims = itertools.count(1)


def claim_key(database: Database, key: IdempotencyKey, request_hash: str) -> Claim:
    for _ in range(5):
        try:
            return _claim_once(database, key, request_hash, utcnow())
        except IntegrityError:
            continue  # another request inserted the same key first (PostgreSQL); look again
    return Running()


def _claim_once(database: Database, key: IdempotencyKey, request_hash: str, now: datetime) -> Claim:
    with database.write() as session:
        record = session.get(IdempotencyRecord, key.primary_key, with_for_update=True)
        if record is not None and _stale(record, now):
            session.delete(record)
            session.flush()
            record = None
        if record is None:
            session.add(
                IdempotencyRecord(
                    organization_id=key.organization_id,
                    client_id=key.client_id,
                    key=key.key,
                    request_hash=request_hash,
                    state="running",
                    created_at=now,
                    expires_at=now + KEEP_FOR,
                )
            )
            if next(_claims) % _PURGE_EVERY == 0:
                session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at < now))
            return Run()
        if record.request_hash != request_hash:
            return Mismatch()
        if record.state == "done" and record.status is not None:
            headers = [(name, value) for name, value in orjson.loads(record.headers or "[]")]
            return Replay(record.status, headers, record.body or b"")
        return Running()


def _stale(record: IdempotencyRecord, now: datetime) -> bool:
    if record.expires_at <= now:
        return True
    return record.state == "running" and record.created_at + ABANDONED_AFTER <= now


def keep_response(
    database: Database,
    key: IdempotencyKey,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
) -> None:
    with database.write() as session:
        record = session.get(IdempotencyRecord, key.primary_key)
        if record is None:
            return
        record.state = "done"
        record.status = status
        record.headers = orjson.dumps(headers).decode()
        record.body = body


def release_key(database: Database, key: IdempotencyKey) -> None:
    """Forget the claim, so that a retry runs the request afresh."""
    with database.write() as session:
        session.execute(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.organization_id == key.organization_id,
                IdempotencyRecord.client_id == key.client_id,
                IdempotencyRecord.key == key.key,
            )
        )
