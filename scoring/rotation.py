"""The overseer rotation (第三方监督轮换): who joins each month's evaluation as an outside overseer.

Overseers are the people with role ``leader`` or ``head`` active in the month;
``overseers_per_month`` serve each month. The schedule is deterministic and fair:
month by month, the people who served least so far this year go first (then those
who served longest ago, then org.yaml order), and nobody serves two months running,
December of the year before included when its month.yaml exists. With an unchanging
pool of at least twice ``overseers_per_month`` people, yearly counts differ by at most
one. Months already under way (a month.yaml whose status is not ``open``) keep the
overseers they recorded, and so do open months whose ``overseers`` are already filled
(by hand, or by ``new-month`` from the schedule of its day): the office's choice is
never replaced. The rest of the year is scheduled around them: a month's choice looks
one month ahead so that it never leaves the next month short of people. To have an
open month scheduled again, empty its ``overseers``.

``write_rotation`` fills the open months whose ``overseers`` are empty and says which
filled ones it kept; ``set_overseers`` edits the ``overseers`` value of a month.yaml's
text and nothing else, so comments, order and formatting stay as they were.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from scoring import model

ROLES = ("leader", "head")


@dataclass(frozen=True)
class RotationMonth:
    month: str
    status: str | None  # None when the month has no month.yaml yet
    overseers: tuple[str, ...]
    fixed: bool  # recorded in a month.yaml that is under way or already has overseers: kept


@dataclass(frozen=True)
class Rotation:
    year: int
    per_month: int
    previous: tuple[str, ...]  # December of the year before, when its month.yaml exists
    months: tuple[RotationMonth, ...]
    pool: tuple[str, ...]  # everyone who may oversee some month of the year, org.yaml order

    def month(self, month: str) -> RotationMonth | None:
        return next((m for m in self.months if m.month == month), None)

    def counts(self) -> dict[str, int]:
        """Months served this year, per person, in order of first service."""
        counts: dict[str, int] = {}
        for month in self.months:
            for person in month.overseers:
                counts[person] = counts.get(person, 0) + 1
        return counts


def candidates(org: model.Org, month: str) -> list[model.Person]:
    """People who may oversee ``month``: role leader or head, active that month; someone
    named head of a department takes part only in the months they head one (§3's dated
    heads)."""
    heads, named = org.heads_in(month), org.named_heads()
    return [
        p
        for p in org.people
        if p.active(month)
        and ("leader" in p.roles or ("head" in p.roles and (p.id in heads or p.id not in named)))
    ]


def _recorded(records: model.Records, month: str) -> model.MonthInfo | None:
    found = records.months.get(month)
    return found.info if found else None


def _under_way(records: model.Records, month: str | None) -> tuple[str, ...] | None:
    """The overseers a month keeps: those recorded by a month under way (not open) or
    filled in an open month; None when the month is to plan."""
    info = _recorded(records, month) if month else None
    if info is None or (info.status == "open" and not info.overseers):
        return None
    return info.overseers


def _choose(pool: list[str], per_month: int, following: list[str] | None) -> tuple[str, ...]:
    """The fairest choice (``pool`` is in order of preference) that leaves ``following``
    (the people who could oversee the next month, when it is to be planned too) enough
    people; the plain fairest when no choice does."""
    size = min(per_month, len(pool))
    fairest = tuple(pool[:size])
    if following is None:
        return fairest
    for choice in itertools.combinations(pool, size):
        if sum(1 for person in following if person not in choice) >= per_month:
            return choice
    return fairest


def plan_rotation(records: model.Records, year: int) -> Rotation:
    """The year's schedule; requires a readable org.yaml."""
    org = records.org
    assert org is not None
    per_month = org.overseers_per_month
    december = _recorded(records, f"{year - 1:04d}-12")
    previous = december.overseers if december else ()
    months = [f"{year:04d}-{number:02d}" for number in range(1, 13)]
    after = {month: months[index + 1] if index < 11 else None for index, month in enumerate(months)}
    counts: dict[str, int] = {}
    last_served: dict[str, int] = {person: 0 for person in previous}
    order = {person.id: index for index, person in enumerate(org.people)}
    before = previous
    planned: list[RotationMonth] = []
    for number, month in enumerate(months, start=1):
        recorded = _under_way(records, month)
        if recorded is not None:
            chosen = recorded
        else:
            following = after[month]
            blocked = set(before) | set(_under_way(records, following) or ())
            pool = [p.id for p in candidates(org, month) if p.id not in blocked]
            pool.sort(key=lambda p: (counts.get(p, 0), last_served.get(p, -1), order[p]))
            free_next = None
            if following is not None and _under_way(records, following) is None:
                beyond = set(_under_way(records, after[following]) or ())
                free_next = [p.id for p in candidates(org, following) if p.id not in beyond]
            chosen = tuple(sorted(_choose(pool, per_month, free_next), key=lambda p: order[p]))
        for person in chosen:
            counts[person] = counts.get(person, 0) + 1
            last_served[person] = number
        info = _recorded(records, month)
        planned.append(
            RotationMonth(month, info.status if info else None, chosen, recorded is not None)
        )
        before = chosen
    everyone = tuple(
        person.id
        for person in org.people
        if any(person in candidates(org, month) for month in months)
    )
    return Rotation(year, per_month, tuple(previous), tuple(planned), everyone)


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def set_overseers(text: str, overseers: Sequence[str]) -> str:
    """The month.yaml text with only its ``overseers`` value replaced (or the key added)."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("month.yaml is not a mapping")
    value_text = flow_list(overseers)
    status_end: int | None = None
    for key, value in root.value:
        if key.value == "status":
            status_end = value.end_mark.index
        if key.value != "overseers":
            continue
        end = value.end_mark.index
        if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
            end = value.value[-1].end_mark.index  # a block list's end mark runs past comments
        return text[: key.end_mark.index] + ": " + value_text + text[end:]
    line = f"overseers: {value_text}"
    if status_end is not None:
        cut = text.find("\n", status_end)
        if cut != -1:
            return text[: cut + 1] + line + "\n" + text[cut + 1 :]
    separator = "" if not text or text.endswith("\n") else "\n"
    return text + separator + line + "\n"


@dataclass(frozen=True)
class Written:
    """What ``rotation --write`` did: month.yaml paths (under records/) with overseers."""

    written: tuple[tuple[str, tuple[str, ...]], ...]  # filled with the schedule
    kept: tuple[tuple[str, tuple[str, ...]], ...]  # open months whose overseers stay


def write_rotation(root: Path, rotation: Rotation) -> Written:
    """Fill ``overseers`` of the year's open months that have none; keep filled ones."""
    written = []
    kept = []
    for month in rotation.months:
        if month.status != "open":
            continue
        path = f"{month.month}/month.yaml"
        if month.fixed:
            kept.append((path, month.overseers))
            continue
        file = root / path
        text = file.read_bytes().decode("utf-8")
        updated = set_overseers(text, month.overseers)
        if updated != text:
            file.write_bytes(updated.encode("utf-8"))
            written.append((path, month.overseers))
    return Written(tuple(written), tuple(kept))
