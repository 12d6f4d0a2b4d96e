"""Bogføring > Bilagsoversigt and what hangs off it, as one router whose order matters: the
purchase template's `/vouchers/purchase/new` must be matched before `/vouchers/{kind}/{guid}`."""

from __future__ import annotations

from fastapi import APIRouter

from bilag.web import purchase_template, voucher_detail, voucher_files, voucher_list

router = APIRouter(include_in_schema=False)
for _flow in (purchase_template, voucher_list, voucher_detail, voucher_files):
    router.routes.extend(_flow.router.routes)
