"""The local blob store: content-addressed, written atomically, nothing left half-written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bilag.storage.files import LocalFileStorage


def _store(storage: LocalFileStorage, *chunks: bytes) -> str:
    writer = storage.writer()
    for chunk in chunks:
        writer.write(chunk)
    return writer.commit()


def test_blobs_are_stored_under_their_sha256(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path / "files")
    digest = _store(storage, b"%PDF-1.4\n", b"rest of the file")
    assert digest == hashlib.sha256(b"%PDF-1.4\nrest of the file").hexdigest()
    assert (
        storage.path_of(digest) == tmp_path / "files" / "blobs" / digest[:2] / digest[2:4] / digest
    )
    with storage.open(digest) as content:
        assert content.read() == b"%PDF-1.4\nrest of the file"
    assert list(storage.digests()) == [digest]
    assert storage.pending_writes() == []


def test_the_same_content_is_one_blob(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)
    assert _store(storage, b"same") == _store(storage, b"sa", b"me")
    assert len(list(storage.digests())) == 1


def test_a_discarded_write_leaves_nothing(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)
    writer = storage.writer()
    writer.write(b"half of an upload")
    assert len(storage.pending_writes()) == 1
    assert list(storage.digests()) == []
    writer.discard()
    assert storage.pending_writes() == []
    assert list(storage.digests()) == []
    with pytest.raises(ValueError, match="closed"):
        writer.write(b"more")


def test_head_keeps_the_first_bytes_for_type_detection(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)
    writer = storage.writer()
    writer.write(b"\xff\xd8")
    writer.write(b"\xff" + b"x" * 200)
    assert writer.head() == (b"\xff\xd8\xff" + b"x" * 200)[:64]
    assert writer.size == 203
    writer.discard()


def test_delete_and_bad_digests(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)
    digest = _store(storage, b"gone soon")
    storage.delete(digest)
    assert not storage.exists(digest)
    storage.delete(digest)
    for bad in ("../../etc/passwd", "ABC", digest.upper()):
        with pytest.raises(ValueError, match="SHA-256"):
            storage.path_of(bad)
