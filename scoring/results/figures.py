"""The arithmetic of DESIGN.md §5 that every figure shares: rounding, means, ranks, grades.

Everything here is pure and decimal. ``round2`` is round-half-up to two decimals
(四舍五入); ranks are competition ranks (1, 2, 2, 4); grades are filled from the top,
a grade with a quota admitting whole tie groups only while they fit under
floor(quota × n), and nobody below a refused tie group in its place.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TypeVar

from scoring import model

K = TypeVar("K", bound=Hashable)

CENT = Decimal("0.01")
ZERO = Decimal(0)


def round2(value: Decimal) -> Decimal:
    """Round half up to two decimals: 80.575 -> 80.58."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def mean(values: Sequence[Decimal]) -> Decimal:
    """The exact (unrounded) mean of at least one value."""
    return sum(values, ZERO) / len(values)


def trimmed_indices(values: Sequence[Decimal]) -> tuple[int, int] | None:
    """Which two values trimming drops: one lowest and one highest instance, or None.

    Only with five or more values. When values repeat, exactly one instance of each
    extreme is dropped: the first lowest and the first highest other than it.
    """
    if len(values) < 5:
        return None
    lowest = min(range(len(values)), key=lambda index: (values[index], index))
    highest = max(
        (index for index in range(len(values)) if index != lowest),
        key=lambda index: (values[index], -index),
    )
    return lowest, highest


def competition_ranks(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """Rank 1 for the highest total; ties share a rank and the next rank skips (1, 2, 2, 4)."""
    return {
        key: 1 + sum(1 for other in totals.values() if other > total)
        for key, total in totals.items()
    }


@dataclass(frozen=True)
class GradeAward:
    """The grade a department gets, and the grades whose quota refused it on the way down."""

    grade: str | None
    refused: tuple[str, ...] = ()


def quota_limit(quota: Decimal, count: int) -> int:
    """floor(quota × count): how many departments a grade with a quota admits."""
    return int((quota * count).to_integral_value(rounding=ROUND_FLOOR))


def _tie_groups(keys: list[K], totals: Mapping[K, Decimal]) -> list[list[K]]:
    groups: list[list[K]] = []
    for key in keys:
        if groups and totals[groups[-1][0]] == totals[key]:
            groups[-1].append(key)
        else:
            groups.append([key])
    return groups


def award_grades(totals: Mapping[K, Decimal], grades: Sequence[model.Grade]) -> dict[K, GradeAward]:
    """Grades for the given totals (all competing), filled from the highest grade down."""
    count = len(totals)
    remaining = sorted(totals, key=lambda key: totals[key], reverse=True)
    awarded: dict[K, str | None] = {}
    refused: dict[K, list[str]] = {key: [] for key in totals}
    for grade in grades:
        reaching = [key for key in remaining if totals[key] >= grade.min]
        if grade.quota is None:
            admitted = reaching
        else:
            limit = quota_limit(grade.quota, count)
            admitted = []
            for group in _tie_groups(reaching, totals):
                if len(admitted) + len(group) > limit:
                    break  # the group drops as a whole, and nobody below takes its place
                admitted.extend(group)
            for key in reaching[len(admitted) :]:
                refused[key].append(grade.id)
        for key in admitted:
            awarded[key] = grade.id
        remaining = [key for key in remaining if key not in awarded]
    return {key: GradeAward(awarded.get(key), tuple(refused[key])) for key in totals}
