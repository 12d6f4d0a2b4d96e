"""The public link to a sales document that e-mails and SMS carry in place of `[link-to-pdf]`:
`/documents/{organizationId}/{guid}/{signature}`, signed with the server's pepper so it can be
opened without logging in, and not guessed."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import APIRouter, Request
from starlette.responses import Response

from bilag.api.sales_pdf import pdf_name, pdf_of, pdf_response
from bilag.api.state import api_state
from bilag.config import Settings
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER, get_sales_document


def document_signature(settings: Settings, organization_id: int, guid: str) -> str:
    text = f"document:{organization_id}:{guid.lower()}".encode()
    return hmac.new(settings.secret_pepper.encode(), text, hashlib.sha256).hexdigest()[:32]


def document_link(settings: Settings, organization_id: int, guid: str) -> str:
    signature = document_signature(settings, organization_id, guid)
    return f"{settings.issuer}/documents/{organization_id}/{guid.lower()}/{signature}"


def is_valid_signature(settings: Settings, organization_id: int, guid: str, given: str) -> bool:
    return hmac.compare_digest(document_signature(settings, organization_id, guid), given)


router = APIRouter(tags=["Documents"], include_in_schema=False)


@router.get("/documents/{organization_id}/{guid}/{signature}")
def public_document(request: Request, organization_id: int, guid: str, signature: str) -> Response:
    """The PDF behind a mailed link; 404 for a link bilag did not sign."""
    settings = api_state(request).services.settings
    if not is_valid_signature(settings, organization_id, guid, signature):
        return Response("Not found", status_code=404, media_type="text/plain")
    with api_state(request).services.database.read() as session:
        record = get_sales_document(
            session, organization_id, guid, [INVOICE, CREDIT_NOTE, TRADE_OFFER]
        )
        if record is None:
            return Response("Not found", status_code=404, media_type="text/plain")
        return pdf_response(pdf_of(session, record), pdf_name(record))
