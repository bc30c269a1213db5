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

from dataclasses import dataclass, replace
from decimal import Decimal

from scoring import model
from scoring.results.departments import DepartmentMonth
from scoring.results.figures import ZERO, award_grades, competition_ranks, mean, round2
from scoring.results.services import ServiceMonth

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
    counted: tuple[DepartmentMonth, ...]  # the complete counted months, ascending
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
    counted: tuple[ServiceMonth, ...]


@dataclass(frozen=True)
class YearResult:
    year: int
    departments: tuple[DepartmentYear, ...]
    services: tuple[ServiceYear, ...]
    counted_months: tuple[str, ...]  # the year's published and closed months
    grades: tuple[model.Grade, ...]  # the table in force in the last counted month
    grades_month: str | None


@dataclass(frozen=True)
class MonthFigures:
    """What a year needs of a month: its status and its departments' and contracts' figures."""

    month: str
    status: str | None
    departments: tuple[DepartmentMonth, ...]
    services: tuple[ServiceMonth, ...]


def _department_years(
    org: model.Org,
    year: int,
    months: list[MonthFigures],
    counted: list[MonthFigures],
    grades: tuple[model.Grade, ...],
) -> tuple[DepartmentYear, ...]:
    listed = [d for d in org.departments if any(d.active(m.month) for m in months)]
    rows = []
    for department in listed:
        complete = tuple(
            figures
            for month in counted
            for figures in month.departments
            if figures.department == department.id and figures.complete
        )
        totals = [f.total for f in complete if f.total is not None]
        total = round2(mean(totals)) if totals else None
        rows.append(
            DepartmentYear(
                year, department.id, department.name, len(totals), total, None, None, complete
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


def _service_years(year: int, counted: list[MonthFigures]) -> tuple[ServiceYear, ...]:
    by_contract: dict[str, list[ServiceMonth]] = {}
    for month in counted:
        for figures in month.services:
            if figures.complete and figures.score is not None:
                by_contract.setdefault(figures.contract, []).append(figures)
    rows = []
    for contract, months in sorted(by_contract.items()):
        rows.append(
            ServiceYear(
                year=year,
                contract=contract,
                name=months[0].name,
                months=len(months),
                score=round2(mean([m.score for m in months if m.score is not None])),
                payable=sum((m.payable for m in months if m.payable is not None), ZERO),
                withheld=sum((m.withheld for m in months if m.withheld is not None), ZERO),
                counted=tuple(months),
            )
        )
    return tuple(rows)


def score_years(org: model.Org, months: list[MonthFigures]) -> tuple[YearResult, ...]:
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
