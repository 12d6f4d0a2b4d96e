"""A bank statement in CSV: the lines `import ledger` books, each checked before anything is sent.

The first three columns are the date, the text and the amount; further columns (a bank's balance,
status, ...) are ignored. A file whose first line holds `;` is read the Danish way: `;` between
columns and a decimal comma (`25-11-2026;Netto;-1.125,50`); otherwise `,` separates columns and
amounts use a decimal point (`2026-11-25,Netto,-1125.50`). A first line that holds no date is a
header. The file is UTF-8, or Windows-1252 as many Danish banks export it.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from bilag.client_cli._shell import parse_amount

DATE_FORMATS = ("%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d")
MAX_TEXT = 500
MAX_SHOWN = 20


@dataclass(frozen=True)
class StatementLine:
    line: int  # in the file, counting from 1, so that messages can name it
    date: datetime.date
    text: str
    amount: Decimal


class StatementError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown.append(f"... and {len(problems) - MAX_SHOWN} more")
        super().__init__("the file was not imported; nothing was sent:\n  " + "\n  ".join(shown))


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse_date(text: str) -> datetime.date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD)")


def _is_header(fields: list[str], decimal_comma: bool) -> bool:
    """No date in the first column, and no amount in the third: column names."""
    try:
        parse_date(fields[0])
    except ValueError:
        try:
            parse_amount(fields[2] if len(fields) > 2 else "", decimal_comma=decimal_comma)
        except ValueError:
            return True
    return False


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows, each with the file line it starts on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, start = [], 1
    for row in reader:
        if any(field.strip() for field in row):
            rows.append((start, row))
        start = reader.line_num + 1
    return rows


def _line(number: int, fields: list[str], decimal_comma: bool) -> StatementLine | list[str]:
    at = f"line {number}"
    if len(fields) < 3:
        return [f"{at}: expected date, text and amount, found {len(fields)} column(s)"]
    problems = []
    try:
        date = parse_date(fields[0])
    except ValueError as error:
        problems.append(f"{at}: {error}")
    text = fields[1].strip()
    if len(text) > MAX_TEXT:
        problems.append(f"{at}: the text is longer than {MAX_TEXT} characters")
    try:
        amount = parse_amount(fields[2], decimal_comma=decimal_comma)
    except ValueError as error:
        example = "-125,50" if decimal_comma else "-125.50"
        problems.append(f"{at}: {error} (write it as {example})")
    else:
        if amount == 0:
            problems.append(f"{at}: the amount is 0")
        elif amount != round(amount, 2):
            problems.append(f"{at}: the amount {fields[2].strip()} has more than two decimals")
    return problems or StatementLine(number, date, text, amount)


def read_statement(content: bytes) -> list[StatementLine]:
    """Every line, or a StatementError listing every bad line by its number."""
    text = decode(content)
    data = _rows(text, ";")
    decimal_comma = bool(data) and len(data[0][1]) > 1
    if not decimal_comma:
        data = _rows(text, ",")
    if data and _is_header(data[0][1], decimal_comma):
        data = data[1:]
    lines: list[StatementLine] = []
    problems: list[str] = []
    for number, fields in data:
        parsed = _line(number, fields, decimal_comma)
        if isinstance(parsed, StatementLine):
            lines.append(parsed)
        else:
            problems += parsed
    if not data:
        problems.append("the file holds no lines")
    if problems:
        raise StatementError(problems)
    return lines
