"""Large bodies are refused without being read into memory; answers match Dinero's schemas."""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema_rs
import pytest
from starlette.testclient import TestClient

from bilag.api.file_uploads import MAX_FILE_BYTES, detect_file_type
from tests.api.conftest import Minter
from tests.api.file_samples import JPEG, PDF, blob_state, file_count
from tests.factories import World

DINERO_OPENAPI = Path(__file__).resolve().parents[3] / "shared/reference/dinero-openapi.json"


def test_a_declared_huge_body_is_refused_before_it_is_sent(
    live_server: str, world: World, minter: Minter
) -> None:
    token = dataclasses.replace(
        minter, settings=dataclasses.replace(minter.settings, base_url=live_server)
    ).token()
    address = urlsplit(live_server)
    head = (
        f"POST /v1/{world.pro_org}/files HTTP/1.1\r\n"
        f"Host: {address.netloc}\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        "Content-Length: 100000000000\r\n"
        "Expect: 100-continue\r\n"
        "\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(head.encode())
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b'"code":43' in answer


def test_a_chunked_body_is_cut_off_at_the_limit(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'
        yield JPEG
        while sent < 3 * MAX_FILE_BYTES:
            sent += 65536
            yield b"\x00" * 65536

    response = api.post(
        f"/v1/{world.pro_org}/files",
        content=body(),
        headers={**alice, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 413
    assert file_count(app) == 0
    assert blob_state(app) == ([], [])


@pytest.mark.parametrize(
    ("head", "extension"),
    [
        (b"%PDF-1.7", "pdf"),
        (b"\r\n%PDF-1.3", "pdf"),
        (b"\xff\xd8\xff\xdb", "jpg"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"GIF87a", "gif"),
        (b"II*\x00\x08\x00", "tif"),
        (b"MM\x00*\x00\x00", "tif"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "heic"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"<html><body>", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_types_are_told_by_their_first_bytes(head: bytes, extension: str | None) -> None:
    found = detect_file_type(head)
    assert (found.extension if found else None) == extension


def _dinero_validator(name: str, array: bool = False) -> Any:
    document = json.loads(DINERO_OPENAPI.read_text())
    schema: dict[str, Any] = {"$ref": f"#/components/schemas/{name}"}
    if array:
        schema = {"type": "array", "items": schema}
    return jsonschema_rs.validator_for({**schema, "components": document["components"]})


def test_answers_validate_against_dinero_schemas(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    from bilag.storage.file_records import AttachmentKind, attach_file

    saved = api.post(f"/v1/{world.pro_org}/files", files={"f": ("a.pdf", PDF)}, headers=alice)
    _dinero_validator("FileSavedReadModel").validate(saved.json())
    with app.state.services.database.write() as session:
        attach_file(
            session,
            world.pro_org,
            saved.json()["FileGuid"],
            AttachmentKind.MANUAL_VOUCHER,
            "74ba828f-0b4b-49e1-b5c9-ef9675755556",
            3,
        )
    listed = api.get(f"/v1/{world.pro_org}/files", headers=alice).json()
    assert len(listed) == 1 and len(listed[0]["Linked"]) == 1
    _dinero_validator("FilteredFileReadModel", array=True).validate(listed)
