"""The closed years' reward allocations (DESIGN.md §11) on each side of a change.

A year whose month folders are all closed in the base is closed, and so is its
allocation. ``read_change`` takes, for each closed year, what the year needs of its
months from each side's engine (``closed_year_inputs``: each department's completeness
and total, as the side's records give them); the rows are then computed by the running
code (``results.rewards``) from that side's org.yaml (``rewards``, people's from/to,
heads and members). A change of the scorer that moves a closed month is refused by the
month's own rule (``closed-figures-moved``); a change that moves an allocation is
refused here. A base without ``rewards`` is not compared. Each side's year is the
months that side has in it: a month folder added to a closed year (or removed from it)
moves the allocation like any other change.
"""

from __future__ import annotations

from typing import Any

from scoring import model
from scoring.engine import Engine, YearInput, year_input
from scoring.results.rewards import allocate, unavailable
from scoring.results.years import score_years

Rows = dict[tuple[str, str], dict[str, Any]]  # (person, department) -> the row of §11
YearInputs = dict[int, tuple[YearInput, ...]]  # closed year -> what it needs of its months


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


def closed_year_inputs(engine: Engine, base: model.Records) -> YearInputs:
    """What each year closed in ``base`` needs of the months ``engine``'s side has in it,
    from its figures (none when the base has no ``rewards``: nothing is compared)."""
    if base.org is None or base.org.rewards is None:
        return {}
    evaluation = engine.evaluation()
    if evaluation.org is None:
        return {}
    return {
        year: tuple(
            year_input(m, engine.settled(m)) for m in evaluation.months if m[:4] == str(year)
        )
        for year in closed_years(base)
    }


def allocation_rows(org: model.Org | None, inputs: tuple[YearInput, ...], year: int) -> Rows:
    """The year's rows by person and department (none without an allocation)."""
    if org is None or org.rewards is None:
        return {}
    result = next((y for y in score_years(org, inputs) if y.year == year), None)
    if result is None or unavailable(org, result) is not None:
        return {}
    return {(row.person, row.department): row.data() for row in allocate(org, result).rows}


def moved_people(before: Rows, after: Rows) -> list[str]:
    """The people whose rows differ, each once, as "name (id)", in the order of the rows."""
    moved: dict[str, str] = {}
    for rows, others in ((after, before), (before, after)):
        for key, row in rows.items():
            if others.get(key) != row:
                moved.setdefault(row["person"], f"{row['name']} ({row['person']})")
    return list(moved.values())
