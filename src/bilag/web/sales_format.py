"""Amounts, dates and query strings as the Salg, Kontakter and Udbakke pages show them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from bilag.web.forms import Fields, single
from bilag.web.security import PageError


def format_amount(value: Decimal | int | None, language: str) -> str:
    """1.234,50 in Danish, 1,234.50 in English; empty for None."""
    if value is None:
        return ""
    text = f"{Decimal(value):,.2f}"
    if language == "da":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_date(value: date | datetime | None, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        shown = value.strftime("%d-%m-%Y %H:%M" if language == "da" else "%Y-%m-%d %H:%M")
        return f"{shown} UTC"
    return value.strftime("%d-%m-%Y") if language == "da" else value.isoformat()


def formatters(language: str) -> dict[str, Any]:
    """`amount` and `day` for templates, in the page's language."""
    return {
        "amount": lambda value: format_amount(value, language),
        "day": lambda value: format_date(value, language),
    }


def query_date(query: Fields, name: str) -> date | None:
    """A YYYY-MM-DD parameter (as <input type=date> sends it); a 400 names a bad one."""
    raw = (single(query, name, max_length=20) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise PageError(400, f"{name} must be a date as YYYY-MM-DD, not '{raw}'.") from None


def query_page(query: Fields) -> int:
    raw = (single(query, "page", max_length=10) or "0").strip()
    if not (raw.isascii() and raw.isdigit()) or int(raw) > 100_000:
        raise PageError(400, f"page must be a whole number from 0, not '{raw}'.")
    return int(raw)


def page_link(base: str, query: dict[str, str], page: int) -> str:
    kept = {name: value for name, value in query.items() if value}
    kept["page"] = str(page)
    return f"{base}?{urlencode(kept)}"
