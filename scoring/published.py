"""The published figures: every month's and year's rows, as ``score --format json`` has them.

Scoring (``scoring.results``) gives figures with their operands; this stage keeps only
the figures, as plain rows whose keys and order are DESIGN.md §6's and §9's (a few
extra keys after them: a department's clean streak, a year's names). Every reader of
figures reads these rows: the exports render them, a seal hashes a month's (§4),
``diff`` and ``check-lock`` compare them, and the engine keeps each month's rows in its
cache so that a month whose inputs did not change is not scored again. A year is
computed from its months' rows (``years_of``), whichever way the rows were had.

Numbers stay ``Decimal`` until written; ``number_text`` and ``dumps`` write them as
``score`` prints them (at most two decimals for points, never an exponent), and
``dumps(..., canonical=True)`` is the canonical JSON seals hash.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from scoring import model
from scoring.results.departments import DepartmentMonth, Settlement
from scoring.results.services import ServiceMonth
from scoring.results.years import COUNTED, MonthFigures, YearResult, score_years

if TYPE_CHECKING:
    from scoring.results import MonthResult, Results

DEPARTMENT_KEYS = (
    "department", "name", "complete", "business", "public", "indicator", "leader",
    "deductions", "bonus", "total", "grade", "rank", "missing",
)  # fmt: skip
DEPARTMENT_EXTRA_KEYS = ("streak",)
YEAR_KEYS = ("department", "months", "total", "grade", "rank")
YEAR_EXTRA_KEYS = ("name",)
SERVICE_KEYS = (
    "contract", "name", "provider", "department", "complete", "deductions", "score",
    "share", "fee", "payable", "withheld", "notice", "missing",
)  # fmt: skip
SERVICE_YEAR_KEYS = ("contract", "months", "score", "payable", "withheld")
SERVICE_YEAR_EXTRA_KEYS = ("name",)
# What a seal covers of a month (§4): these keys only, in score's order
SEALED_DEPARTMENT_KEYS = (
    "department", "complete", "business", "public", "indicator", "leader",
    "deductions", "bonus", "total", "grade", "rank",
)  # fmt: skip
SEALED_SERVICE_KEYS = (
    "contract", "complete", "deductions", "score", "share", "fee", "payable", "withheld",
    "notice",
)  # fmt: skip

Row = Mapping[str, Any]


class MonthRows:
    """One month folder's figures: departments in org.yaml order, contracts by id.

    Made from its rows (scoring) or from its JSON text (the engine's cache, which keeps
    each month as ``score`` prints it); the other form is made when first asked for, so
    that printing a month from the cache never parses it and comparing rows never
    writes them.
    """

    __slots__ = ("month", "status", "grades", "_rows", "_text")

    def __init__(
        self,
        month: str,
        status: str | None,
        grades: tuple[tuple[str, str], ...],
        rows: tuple[tuple[Row, ...], tuple[Row, ...]] | None = None,
        text: str | None = None,
    ) -> None:
        assert rows is not None or text is not None
        self.month = month
        self.status = status
        self.grades = grades  # the grade table in force: (id, name), best first
        self._rows = rows
        self._text = text

    @property
    def departments(self) -> tuple[Row, ...]:
        return self._parsed()[0]

    @property
    def services(self) -> tuple[Row, ...]:
        return self._parsed()[1]

    def _parsed(self) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
        if self._rows is None:
            assert self._text is not None
            data = json.loads(self._text, parse_float=Decimal, parse_int=_number)
            self._rows = (tuple(data["departments"]), tuple(data["services"]))
        return self._rows

    @property
    def text(self) -> str:
        """The month as ``score --format json`` prints it, indented as in the document."""
        if self._text is None:
            self._text = _encode(self.data(), False, MONTH_DEPTH)
        return self._text

    @property
    def counted(self) -> bool:
        return self.status in COUNTED

    def data(self) -> dict[str, Any]:
        """The month as ``score --format json`` prints it."""
        return {
            "month": self.month,
            "status": self.status,
            "departments": [dict(row) for row in self.departments],
            "services": [dict(row) for row in self.services],
        }

    def grade_name(self, grade: str | None) -> str:
        return "" if grade is None else dict(self.grades).get(grade, grade)

    def same(self, other: MonthRows) -> bool:
        """Equal figures, decided from the texts when both are kept as text (no parsing)."""
        if self._text is not None and other._text is not None:
            return (self.status, self.grades, self._text) == (
                other.status,
                other.grades,
                other._text,
            )
        return self == other

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MonthRows):
            return NotImplemented
        return (self.month, self.status, self.grades, self._parsed()) == (
            other.month,
            other.status,
            other.grades,
            other._parsed(),
        )

    __hash__ = None  # type: ignore[assignment]


MONTH_DEPTH = 2  # a month's object inside the document's "months" list


def _number(text: str) -> int | Decimal:
    return int(text)


@dataclass(frozen=True)
class YearRows:
    year: int
    departments: tuple[Row, ...]
    services: tuple[Row, ...]
    grades: tuple[tuple[str, str], ...]  # the table that graded the year

    def data(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "departments": [dict(row) for row in self.departments],
            "services": [dict(row) for row in self.services],
        }

    def grade_name(self, grade: str | None) -> str:
        return "" if grade is None else dict(self.grades).get(grade, grade)


@dataclass(frozen=True)
class Figures:
    """Every month (ascending) and every calendar year of a records folder."""

    unit: str
    language: str
    months: tuple[MonthRows, ...]
    years: tuple[YearRows, ...]

    def month(self, month: str) -> MonthRows | None:
        return next((m for m in self.months if m.month == month), None)

    def year(self, year: int) -> YearRows | None:
        return next((y for y in self.years if y.year == year), None)

    def only_month(self, month: str) -> Figures:
        """Only ``month`` in ``months`` and no years (``score --month``)."""
        return replace(self, months=tuple(m for m in self.months if m.month == month), years=())

    def only_year(self, year: int) -> Figures:
        """The months of ``year`` and that year alone (``score --year``)."""
        return replace(
            self,
            months=tuple(m for m in self.months if int(m.month[:4]) == year),
            years=tuple(y for y in self.years if y.year == year),
        )

    def data(self) -> dict[str, Any]:
        """The value ``score --format json`` prints, numbers still ``Decimal``."""
        return {
            "unit": self.unit,
            "months": [m.data() for m in self.months],
            "years": [y.data() for y in self.years],
        }

    def json(self) -> str:
        """``dumps(self.data())``, each month's text as kept (never written again)."""
        months = "[]"
        if self.months:
            inner = "\n" + "  " * MONTH_DEPTH
            months = "[" + inner + ("," + inner).join(m.text for m in self.months) + "\n  ]"
        years = _encode([y.data() for y in self.years], False, 1)
        return f'{{\n  "unit": {_encode(self.unit, False, 1)},\n  "months": {months},\n  "years": {years}\n}}'


STANDING_KEYS = (
    "department", "name", "complete", "business", "public", "indicator", "leader",
    "deductions", "missing",
)  # fmt: skip


def standing_row(figures: DepartmentMonth) -> dict[str, Any]:
    """A department's row before the claims and the other departments settle it."""
    row = {key: getattr(figures, key) for key in STANDING_KEYS}
    row["missing"] = list(figures.missing)
    return row


def settled_row(standing: Row, settlement: Settlement) -> dict[str, Any]:
    """The row of ``score``: the standing with bonus, total, grade, rank and streak."""
    row = dict(standing)
    row.update(
        bonus=settlement.bonus,
        total=settlement.total,
        grade=settlement.grade,
        rank=settlement.rank,
        streak=settlement.streak,
    )
    return {key: row[key] for key in (*DEPARTMENT_KEYS, *DEPARTMENT_EXTRA_KEYS)}


def department_row(figures: DepartmentMonth) -> dict[str, Any]:
    settlement = Settlement(
        figures.claims,
        figures.claimed,
        figures.bonus,
        figures.weighted,
        figures.total,
        figures.streak,
        figures.rank,
        figures.grade,
        figures.refused,
    )
    return settled_row(standing_row(figures), settlement)


def service_row(figures: ServiceMonth) -> dict[str, Any]:
    row = {key: getattr(figures, key) for key in SERVICE_KEYS}
    row["missing"] = list(figures.missing)
    return row


def month_rows(month: MonthResult) -> MonthRows:
    rows = (
        tuple(department_row(d) for d in month.departments),
        tuple(service_row(s) for s in month.services),
    )
    grades = tuple((grade.id, grade.name) for grade in month.grades)
    return MonthRows(month.month, month.status, grades, rows=rows)


def year_rows(year: YearResult) -> YearRows:
    return YearRows(
        year=year.year,
        departments=tuple(
            {key: getattr(d, key) for key in YEAR_KEYS + YEAR_EXTRA_KEYS} for d in year.departments
        ),
        services=tuple(
            {key: getattr(s, key) for key in SERVICE_YEAR_KEYS + SERVICE_YEAR_EXTRA_KEYS}
            for s in year.services
        ),
        grades=tuple((grade.id, grade.name) for grade in year.grades),
    )


def years_of(org: model.Org, months: Sequence[MonthFigures]) -> tuple[YearRows, ...]:
    """Every calendar year's rows, from its months' rows (DESIGN.md §5, §9)."""
    return tuple(year_rows(year) for year in score_years(org, months))


def figures_of(results: Results) -> Figures:
    """The figures of full results (their years included)."""
    return Figures(
        unit=results.unit,
        language=results.language,
        months=tuple(month_rows(m) for m in results.months),
        years=tuple(year_rows(y) for y in results.years),
    )


def sealed_figures(month: MonthRows) -> dict[str, Any]:
    """What a seal covers of a month (§4): ``{"month", "departments", "services"}``."""
    return sealed_data(
        {"month": month.month, "departments": month.departments, "services": month.services}
    )


def sealed_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a seal covers of one month as ``score --format json`` prints it."""
    figures: dict[str, Any] = {
        "month": data["month"],
        "departments": [{k: d[k] for k in SEALED_DEPARTMENT_KEYS} for d in data["departments"]],
    }
    if data.get("services"):
        figures["services"] = [{k: s[k] for k in SEALED_SERVICE_KEYS} for s in data["services"]]
    return figures


# ---------------------------------------------------------------- numbers and JSON


def number_text(value: Decimal | int) -> str:
    """A number as JSON text: no trailing zeros, no exponent (94.730 -> 94.73, 19.00 -> 19)."""
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


_TEXT = json.encoder.encode_basestring  # type: ignore[attr-defined]  # json.dumps(text, ensure_ascii=False)


def _encode(value: Any, canonical: bool, depth: int) -> str:
    kind = type(value)
    if kind is str:  # the commonest values first; other types and subclasses below
        return _TEXT(value)  # type: ignore[no-any-return]
    if kind is Decimal:
        return number_text(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)  # true or false
    if isinstance(value, (int, Decimal)):
        return number_text(value)
    if isinstance(value, str):
        return _TEXT(value)  # type: ignore[no-any-return]
    if isinstance(value, Mapping):
        items = sorted(value.items()) if canonical else list(value.items())
        colon = ":" if canonical else ": "
        parts = [
            _encode(k, canonical, depth) + colon + _encode(v, canonical, depth + 1)
            for k, v in items
        ]
        return _wrap("{", "}", parts, canonical, depth)
    if isinstance(value, (list, tuple)):
        parts = [_encode(item, canonical, depth + 1) for item in value]
        return _wrap("[", "]", parts, canonical, depth)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _wrap(opening: str, closing: str, parts: list[str], canonical: bool, depth: int) -> str:
    if not parts:
        return opening + closing
    if canonical:
        return opening + ",".join(parts) + closing
    inner = "\n" + "  " * (depth + 1)
    return opening + inner + ("," + inner).join(parts) + "\n" + "  " * depth + closing


def dumps(value: Any, canonical: bool = False) -> str:
    """JSON text with ``Decimal`` written canonically; non-ASCII characters as themselves.

    ``canonical``: keys sorted, no spaces (the form seals hash, §4); otherwise indented
    by two spaces in the order given.
    """
    return _encode(value, canonical, 0)
