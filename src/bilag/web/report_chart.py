"""The bar chart of a year's result by month, as geometry for a server-rendered SVG.

Bars grow up from the zero line for a profit and down for a loss; the scale fits the largest
month. The template draws the bars; the table beside it carries the same figures as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bilag.ledger.money import ZERO
from bilag.web.report_reads import MonthResult

WIDTH = 720
HEIGHT = 240
MARGIN = 24
LABEL_SPACE = 20


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label: str
    loss: bool
    result: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    zero_y: float
    bars: list[Bar]
    label_y: float


def result_chart(months: Sequence[MonthResult], labels: Sequence[str]) -> Chart:
    """Bars for the months, labelled with `labels` (one per month, e.g. "jan")."""
    plot_top = MARGIN
    plot_bottom = HEIGHT - MARGIN - LABEL_SPACE
    highest = max((m.result for m in months), default=ZERO)
    lowest = min((m.result for m in months), default=ZERO)
    highest, lowest = max(highest, ZERO), min(lowest, ZERO)
    span = highest - lowest or Decimal(1)
    scale = Decimal(plot_bottom - plot_top) / span
    zero_y = plot_top + float(highest * scale)
    slot = (WIDTH - 2 * MARGIN) / max(len(months), 1)
    bars: list[Bar] = []
    for index, (month, label) in enumerate(zip(months, labels, strict=True)):
        size = float(abs(month.result) * scale)
        loss = month.result < ZERO
        x = MARGIN + index * slot + slot * 0.15
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(zero_y if loss else zero_y - size, 1),
                width=round(slot * 0.7, 1),
                height=round(size, 1),
                label_x=round(MARGIN + index * slot + slot / 2, 1),
                label=label,
                loss=loss,
                result=month.result,
            )
        )
    return Chart(WIDTH, HEIGHT, round(zero_y, 1), bars, HEIGHT - MARGIN)
