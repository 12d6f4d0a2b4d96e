"""Shared counters: the rate-limit windows and the per-client usage figures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base


class RateWindow(Base):
    """The times (epoch milliseconds, comma separated) of the recent calls for one key."""

    __tablename__ = "rate_windows"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    hits: Mapped[str] = mapped_column(Text, default="")


class UsageCounter(Base):
    """Responses per client and organization by status class (2xx, 400, 401, 403, 429, 5xx)."""

    __tablename__ = "usage_counters"

    client_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    organization_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0: none
    status: Mapped[str] = mapped_column(String(8), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class UsageHourly(Base):
    """Responses per client, organization, hour (naive UTC, whole hours) and status class."""

    __tablename__ = "usage_hourly"

    client_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    organization_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0: none
    hour: Mapped[datetime] = mapped_column(DateTime, primary_key=True, index=True)
    status: Mapped[str] = mapped_column(String(8), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
