"""Use of results (DESIGN.md §11): a calendar year's reward allocation, per person and
department, with the operands it was computed from.

For year Y and department d, the months **counted** are d's in the year's table (§5:
complete, status published or closed). In such a month d's staff are its head in force
and its members then who exist then (``model.Department.staff_in``). Every person on
d's staff in at least one counted month gets a row:

- ``months``: the counted months of d in which the person is on its staff;
- ``total``, ``grade``, ``rank``: d's figures for Y;
- ``role``: ``head`` when the person is d's head in the last of those months;
- the rewards version is the one in force in the last month counted for Y (the month
  whose grade table grades the year), ``coefficient`` its ``coefficients[grade]``;
- ``reward`` = round2(base × coefficient × months / 12), in decimal.

Rows follow org.yaml's department order; within a department its heads first (in the
order of the head's versions), then its members in their listed order, each person
once. The heads' rows are the cadre assessment reference (中层干部考核参考); all rows
are the reward allocation (年度绩效奖励分配).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from scoring import model
from scoring.results.figures import ZERO, round2
from scoring.results.years import DepartmentYear, YearResult

TWELVE = Decimal(12)
HEAD = "head"
MEMBER = "member"
# The keys of a row in `kaoping rewards --format json`, in order (DESIGN.md §11).
ROW_KEYS = (
    "person", "name", "department", "role", "months", "total", "grade", "rank",
    "coefficient", "reward",
)  # fmt: skip


@dataclass(frozen=True)
class RewardRow:
    """One person in one department for the year, with what the reward was computed from."""

    person: str
    name: str
    department: str
    department_name: str
    role: str  # head | member
    months: int
    total: Decimal
    grade: str | None
    rank: int | None
    coefficient: Decimal | None  # None only when the rewards rule has none for the grade
    reward: Decimal | None
    counted: tuple[str, ...]  # the department's counted months in the year, ascending
    served: tuple[str, ...]  # those in which the person was on its staff

    def data(self) -> dict[str, Any]:
        """The row as ``kaoping rewards --format json`` prints it."""
        return {key: getattr(self, key) for key in ROW_KEYS}


@dataclass(frozen=True)
class Allocation:
    """A year's rows and their sum; ``last`` is the last month counted for the year, whose
    grade table grades it and whose rewards ``version`` is in force."""

    year: int
    rows: tuple[RewardRow, ...]
    total: Decimal
    last: str
    version: model.Version[model.Rewards]
    grades: tuple[model.Grade, ...]

    @property
    def heads(self) -> tuple[RewardRow, ...]:
        """The cadre assessment reference: the heads' rows."""
        return tuple(row for row in self.rows if row.role == HEAD)

    def of_person(self, person: str) -> tuple[RewardRow, ...]:
        return tuple(row for row in self.rows if row.person == person)

    def grade_name(self, grade: str | None) -> str:
        return "" if grade is None else next((g.name for g in self.grades if g.id == grade), grade)

    def data(self) -> dict[str, Any]:
        """The value ``kaoping rewards --format json`` prints, numbers still ``Decimal``."""
        return {"year": self.year, "people": [row.data() for row in self.rows], "total": self.total}


def unavailable(org: model.Org, year: YearResult | None) -> tuple[str, dict[str, str]] | None:
    """Why no allocation can be made for the year (a catalogue key and its parameters):
    org.yaml has no ``rewards``, the year has no counted month, or no rewards version is
    in force in its last counted month; None when one can be."""
    if org.rewards is None:
        return "rewards.absent", {}
    if year is None or year.grades_month is None:
        return "rewards.no-counted-month", {}
    first = org.rewards.versions[0].start
    if first is not None and year.grades_month < first:
        return "rewards.not-in-force", {"month": year.grades_month, "start": first}
    return None


def _rows(
    department: model.Department,
    figures: DepartmentYear,
    people: dict[str, model.Person],
    rewards: model.Rewards,
) -> list[RewardRow]:
    if figures.total is None or not figures.counted:
        return []
    coefficient = rewards.coefficients.get(figures.grade) if figures.grade else None
    rows = []
    for person in dict.fromkeys((*department.heads(), *department.member_ids())):
        served = tuple(m for m in figures.counted if department.on_staff(person, m, people))
        if not served:
            continue
        months = len(served)
        reward = None
        if coefficient is not None:
            reward = round2(rewards.base * coefficient * months / TWELVE)
        rows.append(
            RewardRow(
                person=person,
                name=people[person].name,
                department=department.id,
                department_name=department.name,
                role=HEAD if department.head_in(served[-1]) == person else MEMBER,
                months=months,
                total=figures.total,
                grade=figures.grade,
                rank=figures.rank,
                coefficient=coefficient,
                reward=reward,
                counted=figures.counted,
                served=served,
            )
        )
    return rows


def allocate(org: model.Org, year: YearResult) -> Allocation:
    """The year's allocation; ``unavailable(org, year)`` must be None."""
    assert org.rewards is not None and year.grades_month is not None
    last = year.grades_month
    version = org.rewards.version_in_force(last)
    by_id = {figures.department: figures for figures in year.departments}
    rows: list[RewardRow] = []
    for department in org.departments:
        figures = by_id.get(department.id)
        if figures is not None:
            rows += _rows(department, figures, org.people_by_id, version.value)
    total = sum((row.reward for row in rows if row.reward is not None), ZERO)
    return Allocation(year.year, tuple(rows), total, last, version, year.grades)
