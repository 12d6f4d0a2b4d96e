"""What every new organization starts with: Dinero's standard chart and its first year."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.years import calendar_year
from bilag.storage.chart import account_row, year_row


def seed_organization(session: Session, organization_id: int, today: date | None = None) -> None:
    """Give the organization the standard chart of accounts and the current calendar year."""
    today = today or datetime.now(UTC).date()
    session.add_all(account_row(organization_id, account) for account in STANDARD_CHART)
    session.add(year_row(organization_id, calendar_year(today.year)))
    session.flush()
