"""The closed years' reward allocations (DESIGN.md §11) on each side of a change.

A year whose month folders are all closed in the base is closed, and so is its
allocation. Each side's rows are computed by the running code (``results.rewards``)
from that side's org.yaml (``rewards``, people's from/to, heads and members) and the
closed months' figures the lock already holds (``figures``: the base's by the base's
own code), so a change of the scorer that moves a closed month is caught there and a
change of org.yaml that moves an allocation here. A base without ``rewards`` is not
compared. A month folder added to a closed year in the change is not seen here: the
year's months are the base's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from scoring import model
from scoring.lock.figures import Figures
from scoring.results.rewards import allocate, unavailable
from scoring.results.years import score_years

Rows = dict[tuple[str, str], dict[str, Any]]  # (person, department) -> the row of §11


def closed_years(records: model.Records) -> dict[int, list[str]]:
    """Year -> its month folders, for the years whose month folders are all closed."""
    years: dict[int, list[str]] = {}
    for month in sorted(records.months):
        years.setdefault(int(month[:4]), []).append(month)
    return {
        year: months
        for year, months in years.items()
        if all(records.months[m].status == "closed" for m in months)
    }


@dataclass(frozen=True)
class _Month:
    """What a year needs of a month (``results.years.MonthFigures``), from sealed figures."""

    month: str
    status: str | None
    departments: Sequence[Mapping[str, Any]]
    services: Sequence[Mapping[str, Any]] = ()


def allocation_rows(
    org: model.Org | None, figures: Figures, records: model.Records, year: int, months: list[str]
) -> Rows:
    """The year's rows by person and department (none without an allocation)."""
    if org is None or org.rewards is None:
        return {}
    inputs = []
    for month in months:
        text = figures.get(month)
        found = records.months.get(month)
        if text is None or found is None:
            continue
        data = json.loads(text, parse_float=Decimal)
        inputs.append(_Month(month, found.status, data["departments"]))
    result = next((y for y in score_years(org, inputs) if y.year == year), None)
    if result is None or unavailable(org, result) is not None:
        return {}
    rows = allocate(org, result).rows
    return {(row.person, row.department): row.data() for row in rows}


def moved_people(before: Rows, after: Rows) -> list[str]:
    """The people whose rows differ, each once, as "name (id)", in the order of the rows."""
    moved: dict[str, str] = {}
    for rows, others in ((after, before), (before, after)):
        for key, row in rows.items():
            if others.get(key) != row:
                moved.setdefault(row["person"], f"{row['name']} ({row['person']})")
    return list(moved.values())
