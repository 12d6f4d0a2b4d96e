"""The ledger's problems as Dinero error bodies: one 400 naming every property at fault."""

from __future__ import annotations

from collections.abc import Sequence

from bilag.api.errors import DineroError, ErrorCode
from bilag.ledger.errors import LedgerError


def ledger_failure(problems: Sequence[LedgerError]) -> DineroError:
    """A 400 with the first problem's code; `validationErrors` maps each field to its message."""
    first = problems[0]
    fields: dict[str, str] = {}
    for problem in problems:
        key = problem.field or "request"
        fields[key] = f"{fields[key]} {problem.message}" if key in fields else problem.message
    message = first.message if len(problems) == 1 else "Validation Error: " + ", ".join(fields)
    return DineroError(ErrorCode(first.code), message, 400, fields)
