"""RS256 signing keys: generated on first use, stored in the database, rotated by age.

Every worker reads the same keys from the database. The newest key that is not retired signs;
retired keys stay in the JWKS until every token they signed has expired.
"""

from __future__ import annotations

import functools
import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.storage.db import Database
from bilag.storage.models import SigningKey, utcnow

_RELOAD_SECONDS = 30.0


def generate_private_key(parameters: dict[str, str]) -> RSAKey:
    return RSAKey.generate_key(2048, parameters=parameters, private=True)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=32)
def _parsed(pem: str) -> RSAPrivateKey:
    """A stored key, parsed and checked once per process (a check costs tens of milliseconds),
    not on every reload."""
    key = load_pem_private_key(pem.encode("ascii"), password=None)
    if not isinstance(key, RSAPrivateKey):
        raise ValueError("a signing key in the database is not an RSA key")
    return key


@dataclass(frozen=True)
class _Loaded:
    signing: RSAKey
    verifying: KeySet
    public_jwks: dict[str, list[dict[str, str]]]
    loaded_at: float


class KeyStore:
    def __init__(self, database: Database, *, rotation_days: int, token_lifetime: int) -> None:
        self._database = database
        self._rotation = timedelta(days=rotation_days)
        self._overlap = timedelta(seconds=token_lifetime * 2)
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None

    def signing_key(self) -> RSAKey:
        return self._current().signing

    def verifying_keys(self, kid: str | None = None) -> KeySet:
        loaded = self._current()
        if kid is not None and not any(k.kid == kid for k in loaded.verifying.keys):
            loaded = self._current(force=True)
        return loaded.verifying

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        return self._current().public_jwks

    def rotate(self) -> str:
        """Start signing with a fresh key now; the old one stays published for a while."""
        with self._database.write() as session:
            kid = self._replace_signing_key(session)
        self._current(force=True)
        return kid

    def _current(self, force: bool = False) -> _Loaded:
        loaded = self._loaded
        fresh = loaded is not None and time.monotonic() - loaded.loaded_at < _RELOAD_SECONDS
        if fresh and not force:
            return loaded  # type: ignore[return-value]
        with self._lock:
            loaded = self._load()
            self._loaded = loaded
            return loaded

    def _load(self) -> _Loaded:
        rows = self._active_rows()
        if not rows or utcnow() - rows[0].created_at > self._rotation:
            self.rotate_if_still_needed()
            rows = self._active_rows()
        keys = [RSAKey.import_key(_parsed(row.private_pem), {"kid": row.kid}) for row in rows]
        return _Loaded(
            signing=keys[0],
            verifying=KeySet(keys),
            public_jwks={"keys": [json.loads(row.public_jwk) for row in rows]},
            loaded_at=time.monotonic(),
        )

    def rotate_if_still_needed(self) -> None:
        with self._database.write() as session:
            newest = session.scalars(
                select(SigningKey)
                .where(SigningKey.retired_at.is_(None))
                .order_by(SigningKey.created_at.desc())
            ).first()
            if newest is not None and utcnow() - newest.created_at <= self._rotation:
                return
            self._replace_signing_key(session)

    def _replace_signing_key(self, session: Session) -> str:
        kid = self._create(session)
        now = utcnow()
        for row in session.scalars(select(SigningKey).where(SigningKey.kid != kid)):
            if row.retired_at is None:
                row.retired_at = now
                row.expires_at = now + self._overlap
        return kid

    def _active_rows(self) -> list[SigningKey]:
        now = utcnow()
        with self._database.read() as session:
            rows = session.scalars(
                select(SigningKey)
                .where((SigningKey.expires_at.is_(None)) | (SigningKey.expires_at > now))
                .order_by(SigningKey.retired_at.is_not(None), SigningKey.created_at.desc())
            ).all()
            return list(rows)

    @staticmethod
    def _create(session: Session) -> str:
        kid = uuid.uuid4().hex
        parameters = {"kid": kid, "use": "sig", "alg": "RS256"}
        key = generate_private_key(parameters)
        session.add(
            SigningKey(
                kid=kid,
                private_pem=key.as_pem(private=True).decode("ascii"),
                public_jwk=json.dumps(key.as_dict(private=False)),
                created_at=utcnow(),
            )
        )
        return kid
