"""`books.trade_offers`: trade offers (tilbud), and the invoice drafts made from them."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

from bilag.client import _offer_calls as calls
from bilag.client._async_versioned import AsyncResource
from bilag.client._base import Call
from bilag.client._filters import Condition
from bilag.client._offer_drafts import TradeOfferDraft
from bilag.client._offer_models import TradeOffer
from bilag.client._paging import MAX_PAGE_SIZE
from bilag.client._sales_models import DocumentRef


class AsyncTradeOffers(AsyncResource):
    def list(
        self,
        *conditions: Condition,
        page_size: int = MAX_PAGE_SIZE,
        changes_since: datetime.datetime | None = None,
        deleted_only: bool | None = None,
        free_text_search: str | None = None,
        sort: Sequence[str] = (),
        sort_order: str | None = None,
    ) -> AsyncIterator[TradeOffer]:
        """Every page; rows carry no lines (`get` has them). `sort` on TradeOfferNumber,
        TradeOfferDate, Status or ContactName, `sort_order` ascending or descending."""
        listing = calls.trade_offers(
            self._org,
            *conditions,
            page_size=page_size,
            changes_since=changes_since,
            deleted_only=deleted_only,
            free_text_search=free_text_search,
            sort=sort,
            sort_order=sort_order,
        )
        return self._client.iterate(listing)

    async def create(self, draft: TradeOfferDraft) -> DocumentRef:
        """The new offer's guid and Timestamp (it gets the next offer number)."""
        return await self._client.execute(calls.create_trade_offer(self._org, draft))

    async def fetch(self, draft: TradeOfferDraft) -> TradeOffer:
        """The offer as it would be saved, priced, without saving it."""
        return await self._client.execute(calls.fetch_trade_offer(self._org, draft))

    async def get(self, guid: str) -> TradeOffer:
        return await self._client.execute(calls.trade_offer(self._org, guid))

    async def pdf(self, guid: str) -> bytes:
        return await self._client.execute(calls.trade_offer_pdf(self._org, guid))

    async def update(
        self,
        offer: TradeOffer | DocumentRef,
        draft: TradeOfferDraft,
        *,
        retry_stale: bool = False,
    ) -> DocumentRef:
        """Replace the offer with `draft`, carrying its Timestamp."""

        def update(stamp: str) -> Call[DocumentRef]:
            return calls.update_trade_offer(self._org, offer.guid, stamp, draft)

        return await self._versioned(offer.timestamp, update, retry_stale, self._latest(offer))

    async def delete(self, offer: TradeOffer | DocumentRef, *, retry_stale: bool = False) -> None:
        def delete(stamp: str) -> Call[None]:
            return calls.delete_trade_offer(self._org, offer.guid, stamp)

        await self._versioned(offer.timestamp, delete, retry_stale, self._latest(offer))

    async def generate_invoice(
        self, offer: TradeOffer | DocumentRef, *, retry_stale: bool = False
    ) -> DocumentRef:
        """A new invoice draft with the offer's contact and lines; the offer becomes Invoiced.
        The answer names the invoice."""

        def generate(stamp: str) -> Call[DocumentRef]:
            return calls.generate_invoice(self._org, offer.guid, stamp)

        return await self._versioned(offer.timestamp, generate, retry_stale, self._latest(offer))

    def _latest(self, offer: TradeOffer | DocumentRef) -> Callable[[], Awaitable[str]]:
        async def latest() -> str:
            return (await self.get(offer.guid)).timestamp

        return latest
