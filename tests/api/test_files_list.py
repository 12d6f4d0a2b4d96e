"""Listing and downloading files; attaching them; never another organization's."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from bilag.storage.file_records import AttachmentKind, FileGuidRefused, attach_file, require_file
from bilag.storage.models import Application, StoredFile
from tests.api.conftest import Minter
from tests.api.file_samples import GIF, JPEG, PDF, PNG
from tests.factories import World


def _upload(
    api: TestClient, organization_id: int, headers: dict[str, str], name: str, content: bytes
) -> str:
    response = api.post(
        f"/v1/{organization_id}/files", files={"file": (name, content)}, headers=headers
    )
    assert response.status_code == 200, response.text
    guid: str = response.json()["FileGuid"]
    return guid


def _set_uploaded_at(app: Any, guid: str, when: datetime) -> None:
    with app.state.services.database.write() as session:
        session.execute(update(StoredFile).where(StoredFile.guid == guid).values(uploaded_at=when))


def _names(api: TestClient, world: World, headers: dict[str, str], query: str = "") -> list[str]:
    response = api.get(f"/v1/{world.pro_org}/files{query}", headers=headers)
    assert response.status_code == 200, response.text
    return sorted(item["Name"] for item in response.json())


@pytest.fixture
def archive(api: TestClient, world: World, alice: dict[str, str], app: Any) -> dict[str, str]:
    """Four files uploaded on four days of 2024."""
    guids = {
        "a.pdf": _upload(api, world.pro_org, alice, "a.pdf", PDF),
        "b.png": _upload(api, world.pro_org, alice, "b.png", PNG),
        "c.jpeg": _upload(api, world.pro_org, alice, "c.jpeg", JPEG),
        "d.gif": _upload(api, world.pro_org, alice, "d.gif", GIF),
    }
    for day, guid in enumerate(guids.values(), start=10):
        _set_uploaded_at(app, guid, datetime(2024, 3, day, 12, 30))
    return guids


def test_the_list_is_a_bare_array_of_dinero_read_models(
    api: TestClient, world: World, alice: dict[str, str], archive: dict[str, str]
) -> None:
    listed = api.get(f"/v1/{world.pro_org}/files", headers=alice).json()
    assert isinstance(listed, list)
    assert [item["Name"] for item in listed] == ["d.gif", "c.jpeg", "b.png", "a.pdf"]
    assert listed[3] == {
        "FileGuid": archive["a.pdf"],
        "Name": "a.pdf",
        "Extension": "pdf",
        "Size": len(PDF),
        "UploadedAt": "2024-03-10T12:30:00.000",
        "Note": None,
        "NumberOfPages": None,
        "Linked": [],
        "UploadedBy": "Alice Andersen",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?extensions=pdf,PNG", ["a.pdf", "b.png"]),
        ("?extensions=.pdf&extensions=gif", ["a.pdf", "d.gif"]),
        ("?extensions=jpg", ["c.jpeg"]),
        ("?extensions=csv", []),
        ("?uploadedAfter=2024/03/11", ["b.png", "c.jpeg", "d.gif"]),
        ("?uploadedBefore=2024/03/11", ["a.pdf", "b.png"]),
        ("?uploadedAfter=2024/03/11&uploadedBefore=2024/03/12", ["b.png", "c.jpeg"]),
        ("?UPLOADEDAFTER=2024-03-13", ["d.gif"]),
        ("?fileStatus=all", ["a.pdf", "b.png", "c.jpeg", "d.gif"]),
    ],
)
def test_list_filters(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    archive: dict[str, str],
    query: str,
    expected: list[str],
) -> None:
    assert _names(api, world, alice, query) == expected


def test_paging_defaults_to_1000_and_pages_past_the_end_are_empty(
    api: TestClient, world: World, alice: dict[str, str], archive: dict[str, str]
) -> None:
    base = f"/v1/{world.pro_org}/files"
    assert [i["Name"] for i in api.get(f"{base}?pageSize=2&page=1", headers=alice).json()] == [
        "b.png",
        "a.pdf",
    ]
    assert api.get(f"{base}?pageSize=2&page=5", headers=alice).json() == []
    too_many = api.get(f"{base}?pageSize=1001", headers=alice)
    assert too_many.status_code == 400 and too_many.json()["code"] == 43
    assert len(api.get(base, headers=alice).json()) == 4


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("?uploadedAfter=10-03-2024", "uploadedAfter"),
        ("?uploadedBefore=2024/13/01", "uploadedBefore"),
        ("?fileStatus=Attached", "fileStatus"),
        ("?page=-1", "page"),
    ],
)
def test_bad_list_parameters_get_a_400_naming_them(
    api: TestClient, world: World, alice: dict[str, str], query: str, name: str
) -> None:
    response = api.get(f"/v1/{world.pro_org}/files{query}", headers=alice)
    assert response.status_code == 400
    assert name in response.json()["validationErrors"]


def test_used_and_unused_follow_attachments(
    api: TestClient, world: World, alice: dict[str, str], archive: dict[str, str], app: Any
) -> None:
    voucher = str(uuid.uuid4())
    with app.state.services.database.write() as session:
        attach_file(
            session, world.pro_org, archive["b.png"], AttachmentKind.PURCHASE_VOUCHER, voucher, 7
        )
        # Attaching the same file to the same voucher again changes nothing.
        attach_file(
            session, world.pro_org, archive["b.png"], AttachmentKind.PURCHASE_VOUCHER, voucher
        )
    assert _names(api, world, alice, "?fileStatus=Used") == ["b.png"]
    assert _names(api, world, alice, "?fileStatus=unused") == ["a.pdf", "c.jpeg", "d.gif"]
    [used] = api.get(f"/v1/{world.pro_org}/files?fileStatus=Used", headers=alice).json()
    [link] = used["Linked"]
    assert (link["VoucherId"], link["VoucherGuid"]) == (7, voucher)


def test_attach_file_refuses_what_it_cannot_use(
    api: TestClient, world: World, minter: Minter, alice: dict[str, str], app: Any
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs = _upload(api, world.other_org, bob, "bob.pdf", PDF)
    attachment = api.post(
        f"/v1/{world.pro_org}/files/attachment", files={"file": ("terms.pdf", PDF)}, headers=alice
    ).json()["FileGuid"]
    database = app.state.services.database
    for guid, problem in (
        (bobs, "No file"),
        ("unknownunknownunknownunknown1234", "No file"),
        ("not a guid", "No file"),
        (None, "required"),
        ("", "required"),
        (attachment, "attachment"),
    ):
        with pytest.raises(FileGuidRefused) as refused, database.write() as session:
            attach_file(session, world.pro_org, guid, AttachmentKind.LEDGER_ITEM, str(uuid.uuid4()))
        assert refused.value.field == "FileGuid"
        assert problem in refused.value.message
    with database.read() as session:
        assert require_file(session, world.other_org, bobs).name == "bob.pdf"
    assert _names(api, world, alice, "?fileStatus=Used") == []


def test_download_sends_the_content_with_its_type(
    api: TestClient, world: World, alice: dict[str, str], archive: dict[str, str]
) -> None:
    response = api.get(f"/v1/{world.pro_org}/files/{archive['b.png']}", headers=alice)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == PNG
    assert "b.png" in response.headers["content-disposition"]
    pdf = api.get(f"/v1/{world.pro_org}/files/{archive['a.pdf'].upper()}", headers=alice)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content == PDF


def test_another_organizations_file_is_never_reachable(
    api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs = _upload(api, world.other_org, bob, "bob.pdf", PDF)
    assert api.get(f"/v1/{world.pro_org}/files/{bobs}", headers=alice).status_code == 404
    assert api.get(f"/v1/{world.other_org}/files/{bobs}", headers=alice).status_code == 401
    assert api.get(f"/v1/{world.pro_org}/files", headers=alice).json() == []
    assert api.get(f"/v1/{world.other_org}/files/{bobs}", headers=bob).content == PDF
    for missing_guid in ("nosuchfile", "a%00b", "x" * 5000, bobs[:-1] + "%C3%A6"):
        missing = api.get(f"/v1/{world.pro_org}/files/{missing_guid}", headers=alice)
        assert missing.status_code == 404 and missing.json()["code"] == 40


def test_a_legacy_api_key_token_uploads_as_its_application(
    api: TestClient, world: World, minter: Minter, app: Any
) -> None:
    legacy = minter.headers(organization_id=world.pro_org)
    guid = _upload(api, world.pro_org, legacy, "bon.png", PNG)
    [item] = api.get(f"/v1/{world.pro_org}/files", headers=legacy).json()
    with app.state.services.database.read() as session:
        row = session.get(StoredFile, guid)
        assert row is not None
        application = session.get(Application, minter.application_id())
        assert application is not None
        assert (row.uploaded_by_client_id, row.uploaded_by_user_id) == (world.client_id, None)
        assert item["UploadedBy"] == application.name


def test_attachment_uploads_stay_out_of_the_archive(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    response = api.post(
        f"/v1/{world.pro_org}/files/attachment", files={"file": ("terms.pdf", PDF)}, headers=alice
    )
    assert response.status_code == 200
    guid = response.json()["FileGuid"]
    assert api.get(f"/v1/{world.pro_org}/files", headers=alice).json() == []
    assert api.get(f"/v1/{world.pro_org}/files/{guid}", headers=alice).content == PDF
