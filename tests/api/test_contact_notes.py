"""Notes on a contact: list, create, read, replace and delete, and who may see them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bilag.storage.models import ContactNote
from tests.api.conftest import READ, Minter
from tests.api.test_contacts import FULL
from tests.factories import World

NOTE_KEYS = {"Id", "NoteDate", "AuthorName", "AuthorEmail", "CreatedAt", "UpdatedAt", "DeletedAt"}


def _contact(api: TestClient, org: int, headers: dict[str, str]) -> str:
    response = api.post(f"/v1/{org}/contacts", json=FULL, headers=headers)
    assert response.status_code == 200, response.text
    guid: str = response.json()["ContactGuid"]
    return guid


def _note(api: TestClient, org: int, contact: str, headers: dict[str, str], text: str) -> str:
    response = api.post(f"/v1/{org}/contacts/{contact}/notes", json={"text": text}, headers=headers)
    assert response.status_code == 200, response.text
    guid: str = response.json()["ContactGuid"]
    assert str(uuid.UUID(guid)) == guid
    return guid


def _notes(app: Any) -> list[tuple[Any, ...]]:
    columns = (ContactNote.guid, ContactNote.text, ContactNote.updated_at, ContactNote.deleted_at)
    with app.state.services.database.read() as session:
        return [tuple(row) for row in session.execute(select(*columns).order_by(ContactNote.guid))]


def _texts(api: TestClient, path: str, headers: dict[str, str], **params: str) -> list[str]:
    response = api.get(path, params=params, headers=headers)
    return [row["Text"] for row in response.json()["Collection"]]


@pytest.fixture
def contact(api: TestClient, world: World, alice: dict[str, str]) -> str:
    return _contact(api, world.pro_org, alice)


def test_create_read_and_list_a_note(
    api: TestClient, world: World, alice: dict[str, str], contact: str
) -> None:
    base = f"/v1/{world.pro_org}/contacts/{contact}/notes"
    note = _note(api, world.pro_org, contact, alice, "Ringede om faktura 17")
    read = api.get(f"{base}/{note}", headers=alice)
    assert read.status_code == 200
    body = read.json()
    assert set(body) == NOTE_KEYS | {"Text"}
    assert (body["Id"], body["Text"]) == (note, "Ringede om faktura 17")
    assert (body["AuthorName"], body["AuthorEmail"]) == ("Alice Andersen", world.alice_email)
    assert body["NoteDate"] == body["CreatedAt"] == body["UpdatedAt"]
    assert body["DeletedAt"] is None
    listed = api.get(base, headers=alice).json()
    assert listed["Collection"] == [
        {"Id": note, "NoteDate": body["NoteDate"], "Text": "Ringede om faktura 17"}
    ]
    assert listed["Pagination"]["Result"] == listed["Pagination"]["ResultWithoutFilter"] == 1
    chosen = api.get(base, params={"fields": "text,AUTHORemail"}, headers=alice).json()
    assert chosen["Collection"] == [
        {"text": "Ringede om faktura 17", "AUTHORemail": world.alice_email}
    ]


def test_a_legacy_token_writes_as_its_client_id(
    api: TestClient, world: World, minter: Minter, contact: str
) -> None:
    legacy = minter.headers(organization_id=world.pro_org)
    note = _note(api, world.pro_org, contact, legacy, "fra integrationen")
    body = api.get(f"/v1/{world.pro_org}/contacts/{contact}/notes/{note}", headers=legacy).json()
    assert (body["AuthorName"], body["AuthorEmail"]) == (world.client_id, None)


def test_notes_are_ordered_by_note_date_and_paged(
    app: Any, api: TestClient, world: World, alice: dict[str, str], contact: str
) -> None:
    base = f"/v1/{world.pro_org}/contacts/{contact}/notes"
    dates = {
        "third": datetime(2024, 3, 1),
        "first": datetime(2022, 1, 1),
        "second": datetime(2023, 2, 1),
    }
    for text, date in dates.items():
        note = _note(api, world.pro_org, contact, alice, text)
        with app.state.services.database.write() as session:
            session.execute(
                update(ContactNote).where(ContactNote.guid == note).values(note_date=date)
            )
    assert _texts(api, base, alice) == ["first", "second", "third"]
    assert _texts(api, base, alice, pageSize="2", page="1") == ["third"]
    page = api.get(base, params={"pageSize": "2", "page": "5"}, headers=alice).json()
    assert page["Collection"] == []
    assert page["Pagination"] == {
        "MaxPageSizeAllowed": 1000,
        "PageSize": 2,
        "Result": 0,
        "ResultWithoutFilter": 3,
        "Page": 5,
    }
    too_big = api.get(base, params={"pageSize": "1001"}, headers=alice)
    assert too_big.status_code == 400
    assert too_big.json()["code"] == 43


def test_replace_and_delete_a_note(
    app: Any, api: TestClient, world: World, alice: dict[str, str], contact: str
) -> None:
    base = f"/v1/{world.pro_org}/contacts/{contact}/notes"
    note = _note(api, world.pro_org, contact, alice, "udkast")
    before = api.get(f"{base}/{note}", headers=alice).json()
    replaced = api.put(f"{base}/{note}", json={**before, "Text": "endelig"}, headers=alice)
    assert replaced.status_code == 200, replaced.text
    after = api.get(f"{base}/{note}", headers=alice).json()
    assert after["Text"] == "endelig"
    assert after["NoteDate"] == before["NoteDate"]
    assert after["UpdatedAt"] >= before["UpdatedAt"]

    deleted = api.request("DELETE", f"{base}/{note}", content=b"{}", headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert api.get(base, headers=alice).json()["Collection"] == []
    only_deleted = api.get(base, params={"deletedOnly": "TRUE"}, headers=alice).json()
    assert [row["Id"] for row in only_deleted["Collection"]] == [note]
    assert api.get(f"{base}/{note}", headers=alice).json()["DeletedAt"] is not None
    rows = _notes(app)
    for response in (
        api.put(f"{base}/{note}", json={"Text": "igen"}, headers=alice),
        api.delete(f"{base}/{note}", headers=alice),
    ):
        assert response.status_code == 400
        assert response.json()["code"] == 65
    assert _notes(app) == rows


def test_a_deleted_contacts_notes_can_be_read_but_not_written(
    app: Any, api: TestClient, world: World, alice: dict[str, str], contact: str
) -> None:
    base = f"/v1/{world.pro_org}/contacts/{contact}/notes"
    note = _note(api, world.pro_org, contact, alice, "før sletning")
    assert api.delete(f"/v1/{world.pro_org}/contacts/{contact}", headers=alice).status_code == 200
    assert api.get(base, headers=alice).json()["Pagination"]["Result"] == 1
    assert api.get(f"{base}/{note}", headers=alice).status_code == 200
    rows = _notes(app)
    for response in (
        api.post(base, json={"Text": "ny"}, headers=alice),
        api.put(f"{base}/{note}", json={"Text": "ændret"}, headers=alice),
        api.delete(f"{base}/{note}", headers=alice),
    ):
        assert response.status_code == 400
        assert response.json()["code"] == 65
    assert _notes(app) == rows


@pytest.mark.parametrize(
    "body",
    [{}, {"Text": ""}, {"Text": None}, {"Text": ["a"]}, {"Text": "x" * 10_001}, {"Text": "a\x00"}],
)
def test_bad_note_text_is_400_and_writes_nothing(
    app: Any, api: TestClient, world: World, alice: dict[str, str], contact: str, body: Any
) -> None:
    base = f"/v1/{world.pro_org}/contacts/{contact}/notes"
    note = _note(api, world.pro_org, contact, alice, "original")
    rows = _notes(app)
    for response in (
        api.post(base, json=body, headers=alice),
        api.put(f"{base}/{note}", json=body, headers=alice),
    ):
        assert response.status_code == 400
        assert response.json()["code"] == 42
        assert "Text" in response.json()["validationErrors"]
    assert _notes(app) == rows
    not_json = api.post(base, content=b"[1]", headers=alice)
    assert not_json.status_code == 400
    assert _notes(app) == rows


def test_other_organizations_notes_are_invisible(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str], contact: str
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs_contact = _contact(api, world.other_org, bob)
    bobs_note = _note(api, world.other_org, bobs_contact, bob, "Bobs hemmelighed")
    alices_note = _note(api, world.pro_org, contact, alice, "Alices")
    rows = _notes(app)
    org = world.pro_org
    for contact_guid, note_guid in [
        (bobs_contact, bobs_note),
        (contact, bobs_note),  # Bob's note under Alice's contact
        (bobs_contact, alices_note),
        (str(uuid.uuid4()), alices_note),
    ]:
        base = f"/v1/{org}/contacts/{contact_guid}/notes"
        for response in (
            api.get(f"{base}/{note_guid}", headers=alice),
            api.put(f"{base}/{note_guid}", json={"Text": "x"}, headers=alice),
            api.delete(f"{base}/{note_guid}", headers=alice),
        ):
            assert response.status_code == 404, response.text
            assert response.json()["code"] == 40
    for response in (
        api.get(f"/v1/{org}/contacts/{bobs_contact}/notes", headers=alice),
        api.post(f"/v1/{org}/contacts/{bobs_contact}/notes", json={"Text": "x"}, headers=alice),
    ):
        assert response.status_code == 404
    assert _notes(app) == rows
    assert api.get(f"/v1/{org}/contacts/{bobs_contact}/notes", headers=bob).status_code == 401


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/contacts/nope/notes", "contactGuid"),
        ("/contacts/{contact}/notes/nope", "noteGuid"),
    ],
)
def test_malformed_guids_are_400(
    api: TestClient, world: World, alice: dict[str, str], contact: str, path: str, name: str
) -> None:
    response = api.get(f"/v1/{world.pro_org}" + path.format(contact=contact), headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == 44
    assert name in response.json()["validationErrors"]


@pytest.mark.parametrize(
    ("params", "code"),
    [({"fields": "Id,Colour"}, 45), ({"deletedOnly": "ja"}, 44), ({"page": "-1"}, 43)],
)
def test_bad_list_parameters_are_400(
    api: TestClient,
    world: World,
    alice: dict[str, str],
    contact: str,
    params: dict[str, str],
    code: int,
) -> None:
    response = api.get(
        f"/v1/{world.pro_org}/contacts/{contact}/notes", params=params, headers=alice
    )
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_writing_notes_needs_the_write_scope(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str], contact: str
) -> None:
    note = _note(api, world.pro_org, contact, alice, "kun læsning")
    reader = minter.headers(scopes=READ)
    base = f"/v1/{world.pro_org}/contacts/{contact}/notes"
    assert api.get(f"{base}/{note}", headers=reader).status_code == 200
    for response in (
        api.post(base, json={"Text": "x"}, headers=reader),
        api.put(f"{base}/{note}", json={"Text": "x"}, headers=reader),
        api.delete(f"{base}/{note}", headers=reader),
    ):
        assert response.status_code == 403
    with app.state.services.database.read() as session:
        assert session.scalar(select(func.count()).select_from(ContactNote)) == 1
