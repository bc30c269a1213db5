"""Problems: the one value every stage reports instead of raising or printing.

A problem has a position (a path relative to ``records/``, a 1-based line and column
when known), a severity, a stable code and a message in the organisation's language.
Only the CLI turns problems into text, annotations or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # said, never failing: what a reviewer should know (check-lock)


class Pos(NamedTuple):
    """Where a value stands: a file relative to ``records/`` and a 1-based line/column.

    A named tuple rather than a dataclass: the loader makes one for every value of every
    record, and a tuple is several times cheaper to create.
    """

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """A located finding of a check; its text comes from the message catalogue."""

    pos: Pos
    severity: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, language: str = "en") -> str:
        from scoring.messages import problem_text

        return problem_text(self.code, dict(self.params), language)

    @property
    def path(self) -> str:
        return self.pos.path

    @property
    def line(self) -> int | None:
        return self.pos.line

    @property
    def column(self) -> int | None:
        return self.pos.column

    def sort_key(self) -> tuple[str, int, int, str, tuple[tuple[str, str], ...]]:
        return (self.path, self.line or 0, self.column or 0, self.code, self.params)


def _params(params: dict[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, str(value)) for key, value in params.items()))


def make(pos: Pos, severity: str, code: str, **params: object) -> Problem:
    return Problem(pos, severity, code, _params(params))


def error(pos: Pos, code: str, **params: object) -> Problem:
    return Problem(pos, ERROR, code, _params(params))


def warning(pos: Pos, code: str, **params: object) -> Problem:
    return Problem(pos, WARNING, code, _params(params))


def notice(pos: Pos, code: str, **params: object) -> Problem:
    return Problem(pos, NOTICE, code, _params(params))


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems by path, line and column, each reported once."""
    return sorted(set(problems), key=Problem.sort_key)


def count(problems: list[Problem], severity: str) -> int:
    return sum(1 for problem in problems if problem.severity == severity)
