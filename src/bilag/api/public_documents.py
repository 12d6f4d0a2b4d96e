"""The public link to a sales document that e-mails and SMS carry in place of `[link-to-pdf]`:
`/documents/{organizationId}/{guid}/{signature}` (with `?reminder=ID` for a reminder of the
invoice), signed with the server's pepper so it can be opened without logging in, and not
guessed. Each fetch is counted on the newest send that carried the link (`SeenAt`,
`DownloadCount` in the mailouts)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from bilag.api.reminder_documents import reminder_pdf, reminder_pdf_name
from bilag.api.sales_pdf import pdf_name, pdf_of, pdf_response
from bilag.api.state import api_state
from bilag.config import Settings
from bilag.storage.journal import DELETED
from bilag.storage.mailouts import record_download
from bilag.storage.reminders import get_reminder
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER, get_sales_document


def document_signature(
    settings: Settings, organization_id: int, guid: str, reminder_id: int | None = None
) -> str:
    text = f"document:{organization_id}:{guid.lower()}"
    if reminder_id is not None:
        text += f":reminder:{reminder_id}"
    digest = hmac.new(settings.secret_pepper.encode(), text.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def document_link(
    settings: Settings, organization_id: int, guid: str, reminder_id: int | None = None
) -> str:
    """The document's link; with `reminder_id`, the link to that reminder of the invoice."""
    signature = document_signature(settings, organization_id, guid, reminder_id)
    link = f"{settings.issuer}/documents/{organization_id}/{guid.lower()}/{signature}"
    return link if reminder_id is None else f"{link}?reminder={reminder_id}"


def is_valid_signature(
    settings: Settings, organization_id: int, guid: str, given: str, reminder_id: int | None
) -> bool:
    expected = document_signature(settings, organization_id, guid, reminder_id)
    return hmac.compare_digest(expected, given)


router = APIRouter(tags=["Documents"], include_in_schema=False)


def _not_found() -> Response:
    return Response("Not found", status_code=404, media_type="text/plain")


@router.get("/documents/{organization_id}/{guid}/{signature}")
def public_document(
    request: Request,
    organization_id: int,
    guid: str,
    signature: str,
    reminder: Annotated[int | None, Query()] = None,
) -> Response:
    """The PDF behind a mailed link (a reminder's, with `reminder`); 404 for a link bilag did
    not sign, or whose document is gone."""
    settings = api_state(request).services.settings
    if not is_valid_signature(settings, organization_id, guid, signature, reminder):
        return _not_found()
    database = api_state(request).services.database
    with database.read() as session:
        record = get_sales_document(
            session, organization_id, guid, [INVOICE, CREDIT_NOTE, TRADE_OFFER]
        )
        if record is None:
            return _not_found()
        if reminder is None:
            answer = pdf_response(pdf_of(session, record), pdf_name(record))
        else:
            found = get_reminder(session, organization_id, record.guid, reminder)
            if found is None or found.status == DELETED:
                return _not_found()
            pdf = reminder_pdf(session, record, found)
            answer = pdf_response(pdf, reminder_pdf_name(record, found))
    with database.write() as session:
        record_download(session, organization_id, record.guid, reminder)
    return answer
