"""The public link to a sales document that e-mails and SMS carry in place of `[link-to-pdf]`:
`/documents/{organizationId}/{guid}/{signature}`, signed with the server's pepper so it can be
opened without logging in, and not guessed."""

from __future__ import annotations

import hashlib
import hmac

from bilag.config import Settings


def document_signature(settings: Settings, organization_id: int, guid: str) -> str:
    text = f"document:{organization_id}:{guid.lower()}".encode()
    return hmac.new(settings.secret_pepper.encode(), text, hashlib.sha256).hexdigest()[:32]


def document_link(settings: Settings, organization_id: int, guid: str) -> str:
    signature = document_signature(settings, organization_id, guid)
    return f"{settings.issuer}/documents/{organization_id}/{guid.lower()}/{signature}"


def is_valid_signature(settings: Settings, organization_id: int, guid: str, given: str) -> bool:
    return hmac.compare_digest(document_signature(settings, organization_id, guid), given)
