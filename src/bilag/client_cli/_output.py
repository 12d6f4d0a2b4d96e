"""Results as a readable rich table, or as JSON on stdout with nothing else there."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import click
from rich import box
from rich.console import Console, JustifyMethod
from rich.table import Table

Row = Mapping[str, Any]
PIPED_WIDTH = 200
UNBROKEN = {"id", "guid", "date", "voucher_date"}  # kept whole; text columns wrap instead


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_plain))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


def stdout() -> Console:
    """Tables for a terminal fit it; piped into a file or `grep`, rows stay on one line."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def show_rows(
    rows: Sequence[Row],
    columns: Sequence[tuple[str, str]],
    *,
    as_json: bool,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    """A list: JSON is the rows as they are; the table shows `columns` (key, heading)."""
    if as_json:
        echo_json(list(rows))
        return
    table = Table(title=title, box=box.SIMPLE, title_justify="left")
    for key, heading in columns:
        numeric = any(_is_number(row.get(key)) for row in rows)
        unbroken = numeric or key in UNBROKEN
        justify: JustifyMethod = "right" if numeric else "left"
        table.add_column(heading, justify=justify, no_wrap=unbroken, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(key)) for key, _ in columns))
    console = console or stdout()
    console.print(table)
    if not rows:
        console.print("(none)")


def show_record(record: Row, *, as_json: bool, title: str | None = None) -> None:
    """One object: JSON, or a two-column table of its fields."""
    if as_json:
        echo_json(dict(record))
        return
    table = Table(title=title, box=box.SIMPLE, show_header=False, title_justify="left")
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in record.items():
        table.add_row(key, _cell(value))
    stdout().print(table)


def record(model: Any) -> dict[str, Any]:
    """A typed SDK value (a dataclass) as a row, without its `raw` wire answer."""
    names = model.__dataclass_fields__
    return {name: getattr(model, name) for name in names if name != "raw"}
