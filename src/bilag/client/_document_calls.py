"""A contact's state of account (kontoudtog) and the attachments of sales documents, as `Call`
values (dinero-api.md §2.3, §2.12)."""

from __future__ import annotations

import datetime
from typing import Literal
from urllib.parse import quote

from bilag.client._base import Call
from bilag.client._calls import _many, _nothing
from bilag.client._document_models import PDF, Attachment, StateOfAccount, read_pdf
from bilag.client._drafts import _date_problem, _guid_problem, require_valid, wire_date
from bilag.client._errors import RequestValidationError
from bilag.client._sending_drafts import StatementMailDraft

DocumentType = Literal["Invoice", "TradeOffer"]
MAX_FILE_NAME = 255


def _period(
    from_date: datetime.date | str | None, to_date: datetime.date | str | None, hide_closed: bool
) -> dict[str, str]:
    problems = _date_problem("from", from_date, required=False)
    problems += _date_problem("to", to_date, required=False)
    start, end = wire_date(from_date), wire_date(to_date)
    if not problems and start and end and end < start:
        problems.append(f"to {end} is before from {start}")
    if problems:
        raise RequestValidationError(problems)
    params = {"hideClosed": "true" if hide_closed else "false"}
    return params | {k: v for k, v in (("from", start), ("to", end)) if v is not None}


def _guid(name: str, guid: str) -> str:
    if problems := _guid_problem(name, guid):
        raise RequestValidationError(problems)
    return guid


def _contact(guid: str) -> str:
    return _guid("guid", guid)


def state_of_account(
    org: int,
    contact: str,
    from_date: datetime.date | str | None,
    to_date: datetime.date | str | None,
    hide_closed: bool,
) -> Call[StateOfAccount]:
    path = f"/v1/{org}/state-of-account/{_contact(contact)}"
    params = _period(from_date, to_date, hide_closed)
    return Call("GET", path, StateOfAccount.from_wire, org, params)


def state_of_account_pdf(
    org: int,
    contact: str,
    from_date: datetime.date | str | None,
    to_date: datetime.date | str | None,
    hide_closed: bool,
) -> Call[bytes]:
    path = f"/v1/{org}/state-of-account/{_contact(contact)}/pdf"
    params = _period(from_date, to_date, hide_closed)
    return Call("GET", path, read_pdf, org, params, accept=PDF)


def email_state_of_account(org: int, contact: str, mail: StatementMailDraft) -> Call[None]:
    require_valid(mail)
    path = f"/v1/{org}/state-of-account/{_contact(contact)}/email"
    return Call("POST", path, _nothing, org, body=mail.to_wire())


# Attachments


def attachments(org: int, document: str) -> Call[list[Attachment]]:
    path = f"/v1/{org}/attachments/{_guid('documentGuid', document)}"
    return Call("GET", path, _many(Attachment.from_wire), org)


def bind_default_attachments(org: int, document: str, document_type: DocumentType) -> Call[None]:
    if document_type not in ("Invoice", "TradeOffer"):
        kinds = "Invoice (invoices and credit notes) or TradeOffer"
        raise RequestValidationError([f"documentType is {kinds}, not {document_type!r}"])
    path = f"/v1/{org}/attachments/bind/default/{_guid('documentGuid', document)}/{document_type}"
    return Call("POST", path, _nothing, org)


def attach(org: int, document: str, file_guid: str, file_name: str) -> Call[None]:
    problems = _guid_problem("documentGuid", document)
    if not _plain(file_guid):
        problems.append(f"fileGuid is a file's id, not {file_guid!r}")
    if not isinstance(file_name, str) or not file_name.strip():
        problems.append("fileName must not be empty")
    elif len(file_name) > MAX_FILE_NAME:
        problems.append(f"fileName can be at most {MAX_FILE_NAME} characters")
    elif "/" in file_name or "\\" in file_name or not file_name.isprintable():
        problems.append("fileName must be a plain file name, without / \\ or control characters")
    if problems:
        raise RequestValidationError(problems)
    path = f"/v1/{org}/attachments/{document}/{file_guid}/{quote(file_name, safe='')}"
    return Call("POST", path, _nothing, org)


def _plain(segment: str) -> bool:
    """A path segment as it is: not empty, no separators and nothing to escape."""
    return isinstance(segment, str) and quote(segment, safe="") == segment and bool(segment)


def detach(org: int, document: str, file_guid: str) -> Call[None]:
    if not _plain(file_guid):
        raise RequestValidationError([f"fileGuid is a file's id, not {file_guid!r}"])
    path = f"/v1/{org}/attachments/{_guid('documentGuid', document)}/{file_guid}"
    return Call("DELETE", path, _nothing, org)
