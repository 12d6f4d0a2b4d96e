"""`GET /v1/countries`: every ISO 3166-1 country, with Danish and English names.

It needs a valid token with an API scope but no organization, so it is neither Pro-gated nor
rate limited, like `GET /v1/organizations`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from bilag.api.auth import require_caller
from bilag.api.data.countries import COUNTRIES
from bilag.api.errors import DineroRoute
from bilag.api.schemas import ERROR_RESPONSES, CountryModel, json_response

router = APIRouter(route_class=DineroRoute, tags=["Countries"])

_BODY = [
    {"Key": key, "DanishName": danish, "EnglishName": english} for key, danish, english in COUNTRIES
]


@router.get(
    "/v1/countries",
    summary="List countries",
    responses={200: {"model": list[CountryModel]}, **ERROR_RESPONSES},
)
def list_countries(request: Request) -> Response:
    require_caller(request)
    return json_response(_BODY)
