"""The contact's state of account (reference §2.3)."""

from __future__ import annotations

from fastapi import APIRouter

from bilag.api.errors import DineroRoute

router = APIRouter(route_class=DineroRoute, tags=["ContactStateOfAccount"])
