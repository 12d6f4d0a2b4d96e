"""Uploading files: the FAQ's request, any part name, fileName, size and type by content."""

from __future__ import annotations

import dataclasses
import hashlib
import socket
from typing import Any
from urllib.parse import urlsplit

import orjson
import pytest
from starlette.testclient import TestClient

from bilag.api.file_uploads import MAX_FILE_BYTES
from tests.api.conftest import Minter
from tests.api.file_samples import GIF, JPEG, PDF, PNG, TEXT, blob_state, file_count, multipart
from tests.factories import World

FILE_GUID_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _listed(api: TestClient, world: World, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = api.get(f"/v1/{world.pro_org}/files", headers=headers)
    assert response.status_code == 200
    listed: list[dict[str, Any]] = response.json()
    return listed


def _raw_post(base_url: str, head: str, body: bytes) -> tuple[bytes, bytes]:
    """Sends the head, waits for 100 Continue as curl does, sends the body; (interim, final)."""
    address = urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(head.encode())
        interim = connection.recv(1024)
        connection.sendall(body)
        received = b""
        while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < _length(
            received
        ):
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    return interim, received


def _length(received: bytes) -> int:
    for line in received.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


@pytest.mark.parametrize("star", ["*", "\\*"])
def test_the_faq_request_works_as_written(
    live_server: str, world: World, minter: Minter, star: str
) -> None:
    token = dataclasses.replace(
        minter, settings=dataclasses.replace(minter.settings, base_url=live_server)
    ).token()
    part_head = (
        "---------abcdefg1234\r\n"
        "Content-Type: image/jpeg\r\n"
        "Content-Disposition: form-data; name=image; filename=sample-invoice.jpg; "
        f"filename{star}=utf-8''sample-invoice.jpg\r\n"
        "\r\n"
    ).encode()
    body = part_head + JPEG + b"\r\n---------abcdefg1234--\r\n"
    host = urlsplit(live_server).netloc
    head = (
        f"POST /v1/{world.pro_org}/files/?fileName=sample-invoice.jpg HTTP/1.1\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Accept: application/json\r\n"
        'Content-Type: multipart/form-data; boundary="-------abcdefg1234"\r\n'
        f"Host: {host}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Expect: 100-continue\r\n"
        "Connection: Keep-Alive\r\n"
        "\r\n"
    )
    interim, final = _raw_post(live_server, head, body)
    assert interim.startswith(b"HTTP/1.1 100")
    status_line, _, rest = final.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 200 OK"
    answer = orjson.loads(rest.split(b"\r\n\r\n", 1)[1])
    assert set(answer) == {"FileGuid"}
    assert len(answer["FileGuid"]) == 32 and set(answer["FileGuid"]) <= FILE_GUID_CHARACTERS


def test_any_part_name_and_the_stored_content(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    for part_name, content, filename in (
        ("file", PDF, "kvittering.pdf"),
        ("whatever", PNG, "photo.png"),
        ("image", GIF, "anim.gif"),
    ):
        response = api.post(
            f"/v1/{world.pro_org}/files",
            files={part_name: (filename, content, "application/octet-stream")},
            headers=alice,
        )
        assert response.status_code == 200, response.text
        guid = response.json()["FileGuid"]
        download = api.get(f"/v1/{world.pro_org}/files/{guid}", headers=alice)
        assert download.content == content
    names = {item["Name"]: item["Extension"] for item in _listed(api, world, alice)}
    assert names == {"kvittering.pdf": "pdf", "photo.png": "png", "anim.gif": "gif"}
    digests, pending = blob_state(app)
    assert digests == sorted(hashlib.sha256(c).hexdigest() for c in (PDF, PNG, GIF))
    assert pending == []


def test_an_unnamed_part_with_a_filename(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = multipart(
        [
            ("Content-Disposition: form-data; name=note", b"not the file"),
            ('Content-Disposition: form-data; filename="bon.jpg"', JPEG),
        ]
    )
    response = api.post(
        f"/v1/{world.pro_org}/files",
        content=body,
        headers={**alice, "Content-Type": "multipart/form-data; boundary=bilagtestboundary"},
    )
    assert response.status_code == 200, response.text
    [item] = _listed(api, world, alice)
    assert (item["Name"], item["Extension"], item["Size"]) == ("bon.jpg", "jpg", len(JPEG))


def test_file_name_in_the_query_wins_and_rfc5987_names_decode(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    danish = multipart(
        [
            (
                "Content-Disposition: form-data; name=file; filename=x.pdf; "
                "filename*=utf-8''kvittering%20%C3%A6%C3%B8%C3%A5.pdf",
                PDF,
            )
        ]
    )
    content_type = {"Content-Type": "multipart/form-data; boundary=bilagtestboundary"}
    first = api.post(
        f"/v1/{world.pro_org}/files", content=danish, headers={**alice, **content_type}
    )
    second = api.post(
        f"/v1/{world.pro_org}/files?fileName=..%2F..%2Fbilag%20marts.pdf",
        content=danish,
        headers={**alice, **content_type},
    )
    assert first.status_code == second.status_code == 200
    names = sorted(item["Name"] for item in _listed(api, world, alice))
    assert names == ["bilag marts.pdf", "kvittering æøå.pdf"]


def test_a_jpg_name_on_text_is_refused_and_leaves_nothing(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    response = api.post(
        f"/v1/{world.pro_org}/files",
        files={"file": ("receipt.jpg", TEXT, "image/jpeg")},
        headers=alice,
    )
    assert response.status_code == 400
    assert response.json()["code"] == 42
    assert "file" in response.json()["validationErrors"]
    assert file_count(app) == 0
    assert blob_state(app) == ([], [])


def test_a_file_over_6_mb_gets_413_and_leaves_nothing(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    too_big = JPEG + b"\x00" * (MAX_FILE_BYTES + 1 - len(JPEG))
    response = api.post(
        f"/v1/{world.pro_org}/files", files={"file": ("big.jpg", too_big)}, headers=alice
    )
    assert response.status_code == 413
    assert response.json()["code"] == 43
    assert "6 MB" in response.json()["message"]
    assert file_count(app) == 0
    assert blob_state(app) == ([], [])


def test_exactly_6_mb_is_accepted(api: TestClient, world: World, alice: dict[str, str]) -> None:
    just_fits = JPEG + b"\x00" * (MAX_FILE_BYTES - len(JPEG))
    response = api.post(
        f"/v1/{world.pro_org}/files", files={"file": ("big.jpg", just_fits)}, headers=alice
    )
    assert response.status_code == 200
    [item] = _listed(api, world, alice)
    assert item["Size"] == MAX_FILE_BYTES


@pytest.mark.parametrize(
    ("content_type", "body", "problem"),
    [
        ("multipart/form-data; boundary=bilagtestboundary", multipart([]), "no file part"),
        (
            "multipart/form-data; boundary=bilagtestboundary",
            multipart([('Content-Disposition: form-data; name="file"; filename="a.pdf"', b"")]),
            "empty",
        ),
        ("application/json", b'{"file": "x"}', "multipart/form-data"),
        ("multipart/form-data", b"--x\r\n", "boundary"),
        ("multipart/form-data; boundary=bilagtestboundary", b"garbage", "malformed"),
    ],
)
def test_bad_bodies_get_a_400_naming_the_problem(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    app: Any,
    content_type: str,
    body: bytes,
    problem: str,
) -> None:
    response = api.post(
        f"/v1/{world.pro_org}/files", content=body, headers={**alice, "Content-Type": content_type}
    )
    assert response.status_code == 400, response.text
    assert problem in response.json()["validationErrors"]["file"]
    assert file_count(app) == 0
    assert blob_state(app) == ([], [])


def test_the_same_content_twice_is_two_files_and_one_blob(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    guids = {
        api.post(
            f"/v1/{world.pro_org}/files", files={"file": ("a.pdf", PDF)}, headers=alice
        ).json()["FileGuid"]
        for _ in range(2)
    }
    assert len(guids) == 2
    assert blob_state(app) == ([hashlib.sha256(PDF).hexdigest()], [])


def test_upload_needs_the_write_scope_and_pro(
    api: TestClient, world: World, minter: Minter, app: Any
) -> None:
    read_only = minter.headers(scopes=["dineropublicapi:read"])
    refused = api.post(
        f"/v1/{world.pro_org}/files", files={"file": ("a.pdf", PDF)}, headers=read_only
    )
    assert refused.status_code == 403
    no_pro = api.post(
        f"/v1/{world.free_org}/files", files={"file": ("a.pdf", PDF)}, headers=minter.headers()
    )
    assert no_pro.status_code == 403 and no_pro.json()["code"] == 90
    assert file_count(app) == 0


def test_a_lone_part_without_a_filename_is_the_file(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = multipart([("Content-Disposition: form-data; name=image", PNG)])
    response = api.post(
        f"/v1/{world.pro_org}/files",
        content=body,
        headers={**alice, "Content-Type": "multipart/formdata; boundary=bilagtestboundary"},
    )
    assert response.status_code == 200, response.text
    [item] = _listed(api, world, alice)
    assert (item["Name"], item["Extension"], item["Size"]) == ("file.png", "png", len(PNG))
