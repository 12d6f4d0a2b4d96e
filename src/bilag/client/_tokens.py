"""Token pairs and where they are kept.

`FileTokenStore` writes atomically (a temporary file, fsync, rename, fsync of the directory) so a
crash never leaves half a token file, and `lock()` is an exclusive `flock` on a lock file beside
it, which serializes refreshes across threads and processes. The lock file is never replaced, so
every process locks the same inode.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Protocol

EXPIRY_MARGIN_SECONDS = 60.0


@dataclass(frozen=True)
class TokenSet:
    """An access token, the refresh token that renews it, and when the access token expires.

    `refresh_started_at` is set, and persisted, just before a refresh request is sent: if the
    answer never arrives, the refresh token may have been consumed, and it may only be presented
    again inside the server's grace period.
    """

    access_token: str
    expires_at: float
    refresh_token: str | None = None
    scope: str = ""
    token_type: str = "Bearer"
    refresh_started_at: float | None = None

    def expiring(self, now: float, margin: float = EXPIRY_MARGIN_SECONDS) -> bool:
        return now >= self.expires_at - margin

    def refresh_started(self, now: float) -> TokenSet:
        return replace(self, refresh_started_at=now)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TokenSet:
        return cls(
            access_token=str(data["access_token"]),
            expires_at=float(data["expires_at"]),
            refresh_token=data.get("refresh_token"),
            scope=str(data.get("scope", "")),
            token_type=str(data.get("token_type", "Bearer")),
            refresh_started_at=data.get("refresh_started_at"),
        )

    @classmethod
    def from_token_response(cls, data: Mapping[str, Any], now: float) -> TokenSet:
        return cls(
            access_token=str(data["access_token"]),
            expires_at=now + float(data.get("expires_in", 3600)),
            refresh_token=data.get("refresh_token"),
            scope=str(data.get("scope", "")),
            token_type=str(data.get("token_type", "Bearer")),
        )


class TokenStore(Protocol):
    """Where tokens live between calls. `lock()` must exclude every other user of the same store
    (threads and, for a shared store, processes) while it is held."""

    def load(self) -> TokenSet | None: ...

    def save(self, tokens: TokenSet) -> None: ...

    def lock(self) -> AbstractContextManager[object]: ...

    def clear(self) -> None:
        """Forget the tokens (after a logout)."""
        ...


class MemoryTokenStore:
    """Tokens in this process only; for scripts and tests."""

    def __init__(self, tokens: TokenSet | None = None) -> None:
        self._tokens = tokens
        self._lock = threading.Lock()

    def load(self) -> TokenSet | None:
        return self._tokens

    def save(self, tokens: TokenSet) -> None:
        self._tokens = tokens

    def clear(self) -> None:
        self._tokens = None

    def lock(self) -> AbstractContextManager[object]:
        return self._lock


class FileTokenStore:
    """Tokens in a JSON file (mode 0600), shared safely by every process that opens the same path.

    The directory also holds the shared rate-limit windows (see `FileRateLimiter`).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.directory = self.path.parent

    def load(self) -> TokenSet | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return TokenSet.from_json(json.loads(text))

    def save(self, tokens: TokenSet) -> None:
        atomic_write(self.path, json.dumps(tokens.to_json(), indent=2).encode())

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def lock(self) -> AbstractContextManager[object]:
        return file_lock(self.lock_path)


@contextmanager
def file_lock(path: Path) -> Iterator[int]:
    """An exclusive lock on `path` (created if missing), held across processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield descriptor
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
