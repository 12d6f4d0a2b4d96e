"""Bare endpoints that the benchmarks measure the API against (bench/README.md).

Mounted only when `BILAG_BENCH_ENDPOINTS` is set. Each takes the same JSON body as the endpoint it
is a baseline for and writes the same rows in one transaction of the same database with the same
durability (SQLite: `BEGIN IMMEDIATE`, WAL, `synchronous=FULL`), behind the same front door
(`require_organization`: token, membership, rate limit, Pro, write scope). What they leave out is
the API's own work: lenient binding and validation, the chart, VAT and balance checks, drafts,
Timestamps, voucher numbering rules, read models, and the second request of create-then-book.

- `POST /bench/{organizationId}/purchase-voucher`: a booked cash purchase voucher, i.e. its
  `vouchers` row, its lines and its journal entries (expense, purchase VAT, deposit account).
- `POST /bench/{organizationId}/ledger-postings`: the journal entries of a kassekladde batch
  (a ledger items array), two per line: the account and the balancing account.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy import func, insert, select
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, read_json_body
from bilag.api.errors import DineroRoute
from bilag.api.schemas import json_response
from bilag.api.state import api_state
from bilag.ledger.vat import get_vat_type
from bilag.storage.models import JournalEntry, Organization, Voucher, VoucherLine, utcnow

router = APIRouter(route_class=DineroRoute, include_in_schema=False)
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]


def _ore(amount: Any) -> int:
    return int(Decimal(str(amount)) * 100)


def _entry(organization_id: int, day: date, **values: Any) -> dict[str, Any]:
    return {"organization_id": organization_id, "entry_date": day, "created_at": utcnow(), **values}


@router.post("/bench/{organizationId}/purchase-voucher")
def bare_purchase_voucher(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    organization = access.organization_id
    fields: dict[str, Any] = body.object()
    day = date.fromisoformat(fields["VoucherDate"])
    deposit = int(fields["DepositAccountNumber"])
    guid, now = str(uuid.uuid4()), utcnow()
    lines, entries = [], []
    for position, line in enumerate(fields["Lines"]):
        gross, vat_type = _ore(line["Amount"]), get_vat_type(line["VatCode"])
        assert vat_type is not None and vat_type.vat_account is not None
        vat = _ore(vat_type.vat_of(Decimal(str(line["Amount"]))))
        lines.append(
            {"voucher_guid": guid, "position": position, "description": line["Description"],
             "amount_ore": gross, "account_number": line["AccountNumber"],
             "account_vat_code": vat_type.code}
        )  # fmt: skip
        common = {
            "voucher_guid": guid,
            "voucher_type": "purchase",
            "description": line["Description"],
        }
        entries += [
            {**common, "account_number": line["AccountNumber"], "amount_ore": gross - vat,
             "vat_code": vat_type.code},
            {**common, "account_number": vat_type.vat_account, "amount_ore": vat,
             "vat_code": vat_type.code},
            {**common, "account_number": deposit, "amount_ore": -gross, "vat_code": None},
        ]  # fmt: skip
    year_from = date(day.year, 1, 1)
    with api_state(request).services.database.write() as session:
        # The numbering lock the API takes too (SQLite's BEGIN IMMEDIATE already is one).
        session.execute(
            select(Organization.id).where(Organization.id == organization).with_for_update()
        )
        highest = session.scalar(
            select(func.max(Voucher.number)).where(
                Voucher.organization_id == organization, Voucher.year_from == year_from
            )
        )
        number = (highest or 0) + 1
        session.execute(
            insert(Voucher).values(
                guid=guid, organization_id=organization, kind="purchase", status="booked",
                number=number, year_from=year_from, voucher_date=day,
                timestamp=secrets.token_hex(8).upper(), purchase_type="cash",
                deposit_account_number=deposit, region_key=fields.get("RegionKey"),
                booked_at=now, booked_by_type="API", booked_by_client=access.principal.client_id,
                created_at=now, updated_at=now,
            )
        )  # fmt: skip
        session.execute(insert(VoucherLine), lines)
        session.execute(
            insert(JournalEntry),
            [{**_entry(organization, day, voucher_number=number), **e} for e in entries],
        )
    return json_response({"Guid": guid, "VoucherNumber": number})


@router.post("/bench/{organizationId}/ledger-postings")
def bare_ledger_postings(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    organization = access.organization_id
    items: list[dict[str, Any]] = orjson.loads(body.raw)
    entries = []
    for number, item in enumerate(items, start=1):
        day, guid = date.fromisoformat(item["VoucherDate"]), str(uuid.uuid4())
        for line in item["Lines"]:
            amount = _ore(line["Amount"])
            common = {"voucher_guid": guid, "voucher_number": number, "voucher_type": "ledger_item",
                      "description": line["Description"]}  # fmt: skip
            entries += [
                _entry(organization, day, account_number=line["AccountNumber"], amount_ore=amount,
                       **common),
                _entry(organization, day, account_number=line["BalancingAccountNumber"],
                       amount_ore=-amount, **common),
            ]  # fmt: skip
    with api_state(request).services.database.write() as session:
        session.execute(insert(JournalEntry), entries)
    return json_response({"Postings": len(entries)})
