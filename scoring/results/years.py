"""Calendar years (DESIGN.md §5, §9): the mean of the months that count, ranked and graded.

Only ``published`` and ``closed`` months count; open and assessing months are
provisional. One year for every calendar year that has a month folder, ascending. A
department's yearly total is round2 of the mean of its complete counted months'
totals; ranks and grades are among the departments with at least one such month,
with the grade table in force in the last month counted for the year. A contract's
year is the round2 mean of its complete counted months' scores and the sums of its
payments; contracts with no such month are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Protocol

from scoring import model
from scoring.results.figures import ZERO, award_grades, competition_ranks, mean, round2

COUNTED = ("published", "closed")


@dataclass(frozen=True)
class DepartmentYear:
    """A department's year: its counted months, the mean of their totals, rank and grade."""

    year: int
    department: str
    name: str
    months: int
    total: Decimal | None
    grade: str | None
    rank: int | None
    counted: tuple[str, ...]  # the complete counted months, ascending
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServiceYear:
    """A contract's year: mean score and summed payments of its complete counted months."""

    year: int
    contract: str
    name: str
    months: int
    score: Decimal
    payable: Decimal
    withheld: Decimal
    counted: tuple[str, ...]  # the complete counted months, ascending


@dataclass(frozen=True)
class YearResult:
    year: int
    departments: tuple[DepartmentYear, ...]
    services: tuple[ServiceYear, ...]
    counted_months: tuple[str, ...]  # the year's published and closed months
    grades: tuple[model.Grade, ...]  # the table in force in the last counted month
    grades_month: str | None


class MonthFigures(Protocol):
    """What a year needs of a month: its status and its rows (``figures.MonthRows``)."""

    @property
    def month(self) -> str: ...
    @property
    def status(self) -> str | None: ...
    @property
    def departments(self) -> Sequence[Mapping[str, Any]]: ...
    @property
    def services(self) -> Sequence[Mapping[str, Any]]: ...


def _department_years(
    org: model.Org,
    year: int,
    months: Sequence[MonthFigures],
    counted: Sequence[MonthFigures],
    grades: tuple[model.Grade, ...],
) -> tuple[DepartmentYear, ...]:
    listed = [d for d in org.departments if any(d.active(m.month) for m in months)]
    totals: dict[str, list[tuple[str, Decimal]]] = {}
    for month in counted:
        for row in month.departments:
            if row["complete"] and row["total"] is not None:
                totals.setdefault(row["department"], []).append((month.month, row["total"]))
    rows = []
    for department in listed:
        complete = totals.get(department.id, [])
        total = round2(mean([t for _, t in complete])) if complete else None
        rows.append(
            DepartmentYear(
                year,
                department.id,
                department.name,
                len(complete),
                total,
                None,
                None,
                tuple(m for m, _ in complete),
            )
        )
    totals_by_id = {row.department: row.total for row in rows if row.total is not None}
    ranks = competition_ranks(totals_by_id)
    awards = award_grades(totals_by_id, grades)
    return tuple(
        replace(
            row,
            rank=ranks[row.department],
            grade=awards[row.department].grade,
            refused=awards[row.department].refused,
        )
        if row.department in totals_by_id
        else row
        for row in rows
    )


def _service_years(year: int, counted: Sequence[MonthFigures]) -> tuple[ServiceYear, ...]:
    by_contract: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for month in counted:
        for row in month.services:
            if row["complete"] and row["score"] is not None:
                by_contract.setdefault(row["contract"], []).append((month.month, row))
    years = []
    for contract, months in sorted(by_contract.items()):
        rows = [row for _, row in months]
        years.append(
            ServiceYear(
                year=year,
                contract=contract,
                name=rows[0]["name"],
                months=len(rows),
                score=round2(mean([r["score"] for r in rows])),
                payable=sum((r["payable"] for r in rows if r["payable"] is not None), ZERO),
                withheld=sum((r["withheld"] for r in rows if r["withheld"] is not None), ZERO),
                counted=tuple(m for m, _ in months),
            )
        )
    return tuple(years)


def score_years(org: model.Org, months: Sequence[MonthFigures]) -> tuple[YearResult, ...]:
    """One result per calendar year with a month folder, ascending."""
    years = sorted({int(m.month[:4]) for m in months})
    results = []
    for year in years:
        of_year = [m for m in months if int(m.month[:4]) == year]
        counted = [m for m in of_year if m.status in COUNTED]
        last = counted[-1].month if counted else None
        grades = org.grades.in_force(last) if last else ()
        results.append(
            YearResult(
                year=year,
                departments=_department_years(org, year, of_year, counted, grades),
                services=_service_years(year, counted),
                counted_months=tuple(m.month for m in counted),
                grades=grades,
                grades_month=last,
            )
        )
    return tuple(results)
