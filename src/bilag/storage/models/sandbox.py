"""The sandbox's shared state: the clock's offset and the faults armed for clients' next calls."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base, utcnow


class SandboxClockOffset(Base):
    """One row (id 1): how many seconds the sandbox clock runs ahead of the real one."""

    __tablename__ = "sandbox_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    offset_seconds: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SandboxFault(Base):
    """The next `remaining` API calls of `client_id` answer 429, 500 or slowly; the row goes
    when the last one is used."""

    __tablename__ = "sandbox_faults"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "429" | "500" | "slow"
    remaining: Mapped[int] = mapped_column(Integer)
    delay_ms: Mapped[int | None] = mapped_column(Integer)  # slow only
    retry_after: Mapped[int | None] = mapped_column(Integer)  # 429 only: Retry-After seconds
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
