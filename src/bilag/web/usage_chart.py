"""The usage page's figures: hour buckets grouped per organization, the stacked bars' geometry
for the server-rendered SVG, and the pile-up of 400/401/403 the FAQ warns about.

A warning shows when, over the current and the previous clock hour, the 400, 401 and 403
answers number more than `PILE_UP_COUNT`, or more than a tenth of at least `PILE_UP_MIN_CALLS`
calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bilag.identity.usage_figures import PILE_UP_STATUSES, HourCount

STATUS_ORDER = ("2xx", "3xx", "400", "401", "403", "429", "4xx", "5xx")
CHART_HOURS = 24
PILE_UP_COUNT = 20
PILE_UP_MIN_CALLS = 20
BAR_WIDTH = 22
BAR_GAP = 4
PLOT_HEIGHT = 140
LEFT = 40
TOP = 10
BOTTOM = 24


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class HourBar:
    hour: datetime
    counts: dict[str, int]
    segments: tuple[Segment, ...]
    label_x: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class OrganizationChart:
    organization_id: int
    bars: tuple[HourBar, ...]
    peak: int
    width: int = LEFT + CHART_HOURS * (BAR_WIDTH + BAR_GAP) + BAR_GAP
    height: int = TOP + PLOT_HEIGHT + BOTTOM
    plot_bottom: int = TOP + PLOT_HEIGHT
    left: int = LEFT
    top: int = TOP
    statuses: tuple[str, ...] = field(default=STATUS_ORDER)

    @property
    def busy_bars(self) -> list[HourBar]:
        return [bar for bar in self.bars if bar.total]

    def totals(self) -> dict[str, int]:
        return {s: sum(bar.counts.get(s, 0) for bar in self.bars) for s in STATUS_ORDER}


@dataclass(frozen=True)
class PileUp:
    refused: int  # 400 + 401 + 403
    calls: int

    @property
    def warns(self) -> bool:
        if self.refused > PILE_UP_COUNT:
            return True
        return self.calls >= PILE_UP_MIN_CALLS and self.refused * 10 > self.calls


def chart_hours(now: datetime, hours: int = CHART_HOURS) -> list[datetime]:
    last = now.replace(minute=0, second=0, microsecond=0)
    return [last - timedelta(hours=hours - 1 - index) for index in range(hours)]


def organization_charts(
    counts: Iterable[HourCount], hours: list[datetime]
) -> list[OrganizationChart]:
    table: dict[int, dict[datetime, dict[str, int]]] = {}
    for count in counts:
        if count.hour in hours:
            per_hour = table.setdefault(count.organization_id, {})
            cell = per_hour.setdefault(count.hour, {})
            cell[count.status] = cell.get(count.status, 0) + count.count
    return [_chart(org, table[org], hours) for org in sorted(table, key=lambda o: (o == 0, o))]


def pile_up(counts: Iterable[HourCount], now: datetime) -> PileUp:
    since = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    recent = [count for count in counts if count.hour >= since]
    refused = sum(c.count for c in recent if c.status in PILE_UP_STATUSES)
    return PileUp(refused=refused, calls=sum(c.count for c in recent))


def recent_organizations(counts: Iterable[HourCount], now: datetime) -> list[int]:
    """Organizations called in the current or the previous hour: who may have used budget."""
    since = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    return sorted({c.organization_id for c in counts if c.hour >= since and c.organization_id})


def _chart(
    organization_id: int, per_hour: dict[datetime, dict[str, int]], hours: list[datetime]
) -> OrganizationChart:
    peak = max((sum(cell.values()) for cell in per_hour.values()), default=0) or 1
    bars = []
    for index, hour in enumerate(hours):
        counts = per_hour.get(hour, {})
        x = LEFT + BAR_GAP + index * (BAR_WIDTH + BAR_GAP)
        segments = []
        bottom = float(TOP + PLOT_HEIGHT)
        for status in STATUS_ORDER:
            count = counts.get(status, 0)
            if not count:
                continue
            height = max(1.0, PLOT_HEIGHT * count / peak)
            bottom -= height
            segments.append(Segment(status, count, x, round(bottom, 2), round(height, 2)))
        bars.append(HourBar(hour, counts, tuple(segments), x + BAR_WIDTH // 2))
    return OrganizationChart(organization_id, tuple(bars), peak)
