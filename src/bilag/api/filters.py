"""The `queryFilter` parameter (reference §4.4).

Grammar, after URL decoding (so a `+` in the URL has already become a space):

    filter    = condition *( ";" condition ) [ ";" ]
    condition = property sep operator sep value
    sep       = 1*( " " / "+" / TAB )
    operator  = "eq" / "contains"                        ; any case
    value     = "'" *( char / "''" ) "'"                 ; '' stands for one '
              / ( "‘" / "’" ) *char ( "‘" / "’" )        ; typographic quotes, as in the FAQ

Property names are the endpoint's filterable properties, in any case. Conditions are AND-ed and
values compare case-insensitively. Boolean properties take `eq` with 'true' or 'false' only; whole
number properties take `eq` with a whole number. Anything else is a 400 with code 46 that says
what was expected where.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, NoReturn

from sqlalchemy import ColumnElement, func

from bilag.api.errors import DineroError, ErrorCode

FilterKind = Literal["text", "bool", "int"]
OPERATORS = ("eq", "contains")
_SEPARATORS = frozenset(" +\t")
_TYPOGRAPHIC_QUOTES = frozenset("‘’")


@dataclass(frozen=True)
class FilterTerm:
    property: str  # canonical spelling
    operator: str  # "eq" or "contains"
    value: str  # for bool properties "true" or "false"


def parse_filter(raw: str | None, allowed: Mapping[str, FilterKind]) -> tuple[FilterTerm, ...]:
    if raw is None or not raw.strip():
        return ()
    return _Parser(raw, allowed).parse()


def format_filter(terms: Sequence[FilterTerm]) -> str:
    """The filter text for the terms; `parse_filter` reads it back to the same terms."""
    return ";".join(
        f"{term.property} {term.operator} '{term.value.replace(chr(39), chr(39) * 2)}'"
        for term in terms
    )


def filter_clauses(
    terms: Sequence[FilterTerm], columns: Mapping[str, ColumnElement[object]]
) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    for term in terms:
        column = columns[term.property]
        python_type = column.type.python_type
        if python_type is bool:
            clauses.append(column == (term.value == "true"))
        elif python_type is int:
            clauses.append(column == int(term.value))
        elif term.operator == "eq":
            clauses.append(func.lower(column) == term.value.lower())
        else:
            clauses.append(func.lower(column).contains(term.value.lower(), autoescape=True))
    return clauses


class _Parser:
    def __init__(self, text: str, allowed: Mapping[str, FilterKind]) -> None:
        self.text = text
        self.pos = 0
        self.allowed = allowed
        self.by_lower = {name.lower(): name for name in allowed}

    def parse(self) -> tuple[FilterTerm, ...]:
        terms: list[FilterTerm] = []
        while True:
            self._skip_separators()
            terms.append(self._condition())
            self._skip_separators()
            if self._at_end():
                return tuple(terms)
            if self.text[self.pos] != ";":
                self._fail(f"expected ';' between conditions at position {self.pos}")
            self.pos += 1
            self._skip_separators()
            if self._at_end():
                return tuple(terms)

    def _condition(self) -> FilterTerm:
        start = self.pos
        name = self._word()
        if not name:
            self._fail(f"expected a property name at position {start}")
        canonical = self.by_lower.get(name.lower())
        if canonical is None:
            allowed = ", ".join(self.allowed)
            self._fail(f"'{name}' cannot be filtered on; filterable properties: {allowed}")
        self._require_separator(f"after '{name}'")
        operator_at = self.pos
        operator = self._word().lower()
        if operator not in OPERATORS:
            self._fail(f"expected eq or contains after '{name}' at position {operator_at}")
        self._require_separator(f"after '{operator}'")
        value = self._quoted(canonical)
        return FilterTerm(canonical, operator, self._checked(canonical, operator, value))

    def _checked(self, name: str, operator: str, value: str) -> str:
        kind = self.allowed[name]
        if "\x00" in value:
            self._fail(f"the value for {name} contains a NUL character")
        if kind == "bool":
            if operator != "eq" or value.strip().lower() not in ("true", "false"):
                self._fail(f"{name} is true or false: use {name} eq 'true' or {name} eq 'false'")
            return value.strip().lower()
        if kind == "int":
            digits = value.strip().removeprefix("-")
            if operator != "eq" or not (digits.isascii() and digits.isdigit() and len(digits) < 19):
                self._fail(f"{name} is a whole number: use {name} eq '<number>'")
            return str(int(value.strip()))
        return value

    def _quoted(self, name: str) -> str:
        if self._at_end() or self.text[self.pos] not in _TYPOGRAPHIC_QUOTES | {"'"}:
            self._fail(f"the value for {name} must be wrapped in single quotes, e.g. '...'")
        opening = self.text[self.pos]
        self.pos += 1
        if opening in _TYPOGRAPHIC_QUOTES:
            return self._until_typographic_quote(name)
        parts: list[str] = []
        while not self._at_end():
            char = self.text[self.pos]
            self.pos += 1
            if char != "'":
                parts.append(char)
            elif not self._at_end() and self.text[self.pos] == "'":
                parts.append("'")
                self.pos += 1
            else:
                return "".join(parts)
        self._fail(f"the value for {name} has no closing quote")

    def _until_typographic_quote(self, name: str) -> str:
        start = self.pos
        while not self._at_end() and self.text[self.pos] not in _TYPOGRAPHIC_QUOTES:
            self.pos += 1
        if self._at_end():
            self._fail(f"the value for {name} has no closing quote")
        self.pos += 1
        return self.text[start : self.pos - 1]

    def _word(self) -> str:
        start = self.pos
        while (
            not self._at_end() and self.text[self.pos].isascii() and self.text[self.pos].isalnum()
        ):
            self.pos += 1
        return self.text[start : self.pos]

    def _require_separator(self, where: str) -> None:
        if self._at_end() or self.text[self.pos] not in _SEPARATORS:
            self._fail(f"expected a space or '+' {where} at position {self.pos}")
        self._skip_separators()

    def _skip_separators(self) -> None:
        while not self._at_end() and self.text[self.pos] in _SEPARATORS:
            self.pos += 1

    def _at_end(self) -> bool:
        return self.pos >= len(self.text)

    def _fail(self, problem: str) -> NoReturn:
        message = f"Invalid filter format: {problem}."
        raise DineroError(ErrorCode.INVALID_FILTER, message, 400, {"queryFilter": message})
