"""Where file contents live: a blob store addressed by the SHA-256 of the content.

`FileStorage` is the interface; `LocalFileStorage` keeps blobs under a directory as
`<root>/blobs/ab/cd/<sha256>`, so an S3-compatible store can replace it behind the same methods.
Content arrives through a `BlobWriter`, which streams into a temporary file beside the blobs while
hashing and counting; `commit()` fsyncs and renames it into place atomically, `discard()` removes
it. A blob whose digest already exists is not written twice. Nothing half-written is ever visible
under its digest.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_SIZE = 64 * 1024


class BlobWriter(Protocol):
    size: int

    def write(self, chunk: bytes) -> None: ...
    def head(self) -> bytes: ...
    def commit(self) -> str: ...
    def discard(self) -> None: ...


class FileStorage(Protocol):
    def writer(self) -> BlobWriter: ...
    def exists(self, sha256: str) -> bool: ...
    def open(self, sha256: str) -> BinaryIO: ...
    def delete(self, sha256: str) -> None: ...
    def digests(self) -> Iterator[str]: ...


class LocalBlobWriter:
    """Streams one upload into a temporary file; keeps the first bytes for type detection."""

    HEAD_SIZE = 64

    def __init__(self, storage: LocalFileStorage) -> None:
        self._storage = storage
        self._temporary = storage.temporary_dir / f"{secrets.token_hex(16)}.part"
        self._file: BinaryIO | None = open(self._temporary, "xb")  # noqa: SIM115 - closed in commit/discard
        self._hash = hashlib.sha256()
        self._head = b""
        self.size = 0

    def write(self, chunk: bytes) -> None:
        if self._file is None:
            raise ValueError("this blob writer is already closed")
        if len(self._head) < self.HEAD_SIZE:
            self._head += chunk[: self.HEAD_SIZE - len(self._head)]
        self._file.write(chunk)
        self._hash.update(chunk)
        self.size += len(chunk)

    def head(self) -> bytes:
        return self._head

    def commit(self) -> str:
        """Moves the content to its digest's place and returns the digest."""
        if self._file is None:
            raise ValueError("this blob writer is already closed")
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        digest = self._hash.hexdigest()
        target = self._storage.path_of(digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._temporary, target)
        _fsync_directory(target.parent)
        return digest

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._temporary.unlink(missing_ok=True)


class LocalFileStorage:
    """Blobs in a local directory (`settings.files_dir`)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.blobs_dir = self.root / "blobs"
        self.temporary_dir = self.root / "tmp"
        self.blobs_dir.mkdir(parents=True, exist_ok=True)
        self.temporary_dir.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.blobs_dir / sha256[:2] / sha256[2:4] / sha256

    def writer(self) -> LocalBlobWriter:
        return LocalBlobWriter(self)

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path_of(sha256), "rb")  # noqa: SIM115 - the caller closes it

    def delete(self, sha256: str) -> None:
        self.path_of(sha256).unlink(missing_ok=True)

    def digests(self) -> Iterator[str]:
        for path in self.blobs_dir.glob("*/*/*"):
            if path.is_file():
                yield path.name

    def pending_writes(self) -> list[Path]:
        """Temporary files of uploads in progress (or of a crashed process)."""
        return sorted(self.temporary_dir.iterdir())


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
