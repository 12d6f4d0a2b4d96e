"""Trade offers (tilbud) as `Call` and `Listing` values (dinero-api.md §2.8, §3.12).

Updating, deleting and invoicing an offer carry its `Timestamp`. An offer that was invoiced or
answered can no longer be changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from bilag.client._base import Call
from bilag.client._calls import Listing, _nothing, utc_text
from bilag.client._document_models import PDF, read_pdf
from bilag.client._drafts import require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._filters import Condition, query_filter
from bilag.client._offer_drafts import TradeOfferDraft
from bilag.client._offer_models import TradeOffer
from bilag.client._paging import MAX_PAGE_SIZE, check_page_size, sort_params
from bilag.client._sales_models import DocumentRef

OFFER_FIELDS = (
    "Guid,TimeStamp,Number,ContactGuid,ContactName,Date,Description,ExternalReference,Currency,"
    "Status,TotalExclVat,TotalVat,TotalInclVat,HasGeneratedAnyVouchers,DeletedAt"
)


def _offers(org: int) -> str:
    return f"/{org}/tradeoffers"


SORTS = ("TradeOfferNumber", "TradeOfferDate", "Status", "ContactName")


def trade_offers(
    org: int,
    *conditions: Condition,
    page_size: int = MAX_PAGE_SIZE,
    changes_since: datetime.datetime | None = None,
    deleted_only: bool | None = None,
    free_text_search: str | None = None,
    sort: Sequence[str] = (),
    sort_order: str | None = None,
) -> Listing[TradeOffer]:
    params = {"fields": OFFER_FIELDS, **sort_params(SORTS, sort, sort_order)}
    if (text := query_filter("tradeoffers", *conditions)) is not None:
        params["queryFilter"] = text
    if changes_since is not None:
        if changes_since.tzinfo is None:
            raise RequestValidationError(["changesSince needs a timezone-aware datetime"])
        params["changesSince"] = utc_text(changes_since)
    if deleted_only is not None:
        params["deletedOnly"] = "true" if deleted_only else "false"
    if free_text_search is not None:
        params["freeTextSearch"] = free_text_search
    path = f"/v1{_offers(org)}"
    return Listing(path, org, TradeOffer.from_wire, params, check_page_size(page_size))


def create_trade_offer(org: int, draft: TradeOfferDraft) -> Call[DocumentRef]:
    require_valid(draft)
    body = draft.to_wire()
    return Call("POST", f"/v1{_offers(org)}", DocumentRef.from_wire, org, body=body)


def fetch_trade_offer(org: int, draft: TradeOfferDraft) -> Call[TradeOffer]:
    require_valid(draft)
    body = draft.to_wire()
    return Call("POST", f"/v1{_offers(org)}/fetch", TradeOffer.from_wire, org, body=body)


def trade_offer(org: int, guid: str) -> Call[TradeOffer]:
    return Call("GET", f"/v1{_offers(org)}/{guid}", TradeOffer.from_wire, org)


def trade_offer_pdf(org: int, guid: str) -> Call[bytes]:
    return Call("GET", f"/v1{_offers(org)}/{guid}", read_pdf, org, accept=PDF)


def update_trade_offer(
    org: int, guid: str, timestamp: str, draft: TradeOfferDraft
) -> Call[DocumentRef]:
    """Replace the offer (`PUT /v1.2`); its guid can't change."""
    require_valid(draft)
    if draft.guid is not None and draft.guid.lower() != guid.lower():
        raise RequestValidationError([f"Guid {draft.guid} is not the offer's ({guid})"])
    body = {**draft.to_wire(), "Timestamp": timestamp}
    return Call("PUT", f"/v1.2{_offers(org)}/{guid}", DocumentRef.from_wire, org, body=body)


def delete_trade_offer(org: int, guid: str, timestamp: str) -> Call[None]:
    body = {"Timestamp": timestamp}
    return Call("DELETE", f"/v1{_offers(org)}/{guid}", _nothing, org, body=body)


def generate_invoice(org: int, guid: str, timestamp: str) -> Call[DocumentRef]:
    """A new invoice draft from the offer; the answer names the invoice."""
    path = f"/v1{_offers(org)}/{guid}/generate-invoice"
    return Call("POST", path, DocumentRef.from_wire, org, body={"Timestamp": timestamp})
