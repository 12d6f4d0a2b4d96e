"""Small files of each kind, and helpers to look at what the upload left behind."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import func, select

from bilag.storage.files import LocalFileStorage
from bilag.storage.models import StoredFile

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + os.urandom(2000)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(500)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
GIF = b"GIF89a" + os.urandom(100)
TEXT = b"Just a receipt written as plain text, no image at all.\n"


def file_count(app: Any) -> int:
    with app.state.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(StoredFile)) or 0)


def blob_state(app: Any) -> tuple[list[str], list[Any]]:
    """The stored blobs' digests and the upload temporary files left in the files directory."""
    storage = LocalFileStorage(app.state.services.settings.files_dir)
    return sorted(storage.digests()), storage.pending_writes()


def multipart(parts: list[tuple[str, bytes]], boundary: str = "bilagtestboundary") -> bytes:
    """A multipart body from (header lines, content) pairs."""
    body = b""
    for headers, content in parts:
        body += f"--{boundary}\r\n{headers}\r\n\r\n".encode() + content + b"\r\n"
    return body + f"--{boundary}--\r\n".encode()
