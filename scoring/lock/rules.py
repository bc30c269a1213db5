"""The lock's rules (DESIGN.md §4), each a small function of a ``Change`` yielding problems.

A rule's docstring is its documentation. ``RULES`` lists them all, in one place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator

from scoring import model
from scoring.checks.context import STATUS_ORDER
from scoring.lock.change import MAINTAINED_FOLDERS, Change
from scoring.lock.rewards import allocation_rows, closed_years, moved_people
from scoring.lock.unlocking import (
    PENDING_KEEPS,
    closed_months,
    decided_in_change,
    filing_window,
    sheet_at,
)
from scoring.problems import Pos, Problem, error, notice
from scoring.records import printable
from scoring.tracking import run_rules as tracking_rules

MONTH_DATES = ("published", "closed")


def _joined(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _without(sheet: object, items: set[str]) -> object:
    """A shared sheet without the given items: findings of an inspection, ratings' scores."""
    if isinstance(sheet, model.Inspection):
        kept = tuple(f for f in sheet.findings if f.id not in items)
        return dataclasses.replace(sheet, findings=kept)
    if isinstance(sheet, model.RatingSheet):
        scores = {k: v for k, v in sheet.scores.items() if k not in items}
        return dataclasses.replace(sheet, scores=scores)
    return sheet


def _shared_unchanged(change: Change, path: str, items: set[str]) -> bool:
    """A shared file changed only in ``items``: the rest compares equal, parsed."""
    before = sheet_at(change.base.records, path)
    after = sheet_at(change.head.records, path)
    if before is None or after is None:
        return False
    return _without(before, items) == _without(after, items)


def closed_files(change: Change) -> Iterator[Problem]:
    """A file under a month closed in the base changes only as a decided appeal unlocks it:
    its subject's file, only the named item of a shared file, the target's assessment."""
    unlocked = change.unlocked
    for month in change.closed:
        seal = f"{month}/seal.yaml"
        for path in sorted(p for p in change.changed if p.startswith(month + "/") and p != seal):
            if path in unlocked.files:
                continue
            items = unlocked.items.get(path)
            if items is None:
                shown = printable(path)  # a name git holds may carry any byte
                yield error(Pos(shown), "closed-month-changed", month=month, path=shown)
            elif not _shared_unchanged(change, path, set(items)):
                appeals = {stem for stems in items.values() for stem in stems}
                yield error(
                    Pos(path),
                    "closed-item-changed",
                    month=month,
                    items=_joined(items),
                    appeals=_joined(appeals),
                )


def closed_seals(change: Change) -> Iterator[Problem]:
    """A closed month's seal.yaml is written only when its figures stay as they were
    (mending the chain, sealing an imported month) or a decided appeal moves them."""
    for month in change.closed:
        path = f"{month}/seal.yaml"
        if path not in change.changed or change.may_move(month):
            continue
        written = path in change.head.entries
        if not written or change.moves(month):
            yield error(Pos(path), "closed-seal-changed", month=month)


def closed_figures(change: Change) -> Iterator[Problem]:
    """A closed month's figures (the base's by the base's code, the change's by the
    change's) move only with a decided appeal, and never through the shared rules."""
    for month in change.closed:
        if month not in change.head.records.months or not change.moves(month):
            continue
        if not change.may_move(month):
            yield error(Pos(f"{month}/month.yaml"), "closed-figures-moved", month=month)
        elif change.rules_changed and change.head.figures is not None:
            if change.figures_under_base_rules.get(month) != change.head.figures.get(month):
                yield error(Pos(f"{month}/month.yaml"), "closed-figures-by-rules", month=month)


def status_backwards(change: Change) -> Iterator[Problem]:
    """A month's status never moves backwards."""
    for month, records in change.base.records.months.items():
        if records.status is None:
            continue
        after = change.head.records.months.get(month)
        status = after.status if after else None
        if status is None or STATUS_ORDER.index(status) < STATUS_ORDER.index(records.status):
            yield error(
                Pos(f"{month}/month.yaml"),
                "status-backwards",
                month=month,
                before=records.status,
                after=status or "-",
            )


def month_dates(change: Change) -> Iterator[Problem]:
    """A month's `published` and `closed` dates never change once set in the base."""
    for month, records in change.base.records.months.items():
        if records.info is None:
            continue
        after = change.head.records.months.get(month)
        info = after.info if after else None
        for name in MONTH_DATES:
            before, now = getattr(records.info, name), getattr(info, name, None)
            if before is not None and now != before:
                pos = info.pos(name) if info else Pos(f"{month}/month.yaml")
                yield error(
                    pos, "month-date-changed", month=month, field=name, before=before,
                    after=now or "-",
                )  # fmt: skip


def appeal_window_rule(change: Change) -> Iterator[Problem]:
    """The `appeals` window in force for a month closed in the base never changes."""
    base, head = change.base.records.org, change.head.records.org
    if base is None or head is None:
        return
    for month in change.closed:
        before = base.appeals.in_force(month).window_days
        after = head.appeals.in_force(month).window_days
        if before != after:
            yield error(
                head.pos("appeals"),
                "closed-appeal-window-changed",
                month=month,
                before=before,
                after=after,
            )
            return  # one rule change, one message


def decided_appeals_kept(change: Change) -> Iterator[Problem]:
    """An appeal decided in the base (any status but pending) is never changed or deleted."""
    for stem, appeal in change.base.records.appeals.items():
        path = f"appeals/{stem}.yaml"
        if appeal.status == "pending":
            continue
        if path not in change.head.entries:
            yield error(Pos(path), "appeal-deleted", appeal=stem)
        elif path in change.changed:
            yield error(Pos(path), "decided-appeal-changed", appeal=stem, status=appeal.status)


def pending_appeals_kept(change: Change) -> Iterator[Problem]:
    """A pending appeal is only decided or withdrawn: never deleted, and its party,
    month, subject, filing date, grounds and `review_of` stay as they were."""
    for stem, appeal in change.base.records.appeals.items():
        path = f"appeals/{stem}.yaml"
        if appeal.status != "pending":
            continue
        after = change.head.records.appeals.get(stem)
        if path not in change.head.entries:
            yield error(Pos(path), "appeal-deleted", appeal=stem)
        elif after is None:
            yield error(Pos(path), "pending-appeal-changed", appeal=stem, field="-")
        else:
            for name in PENDING_KEEPS:
                if getattr(after, name) != getattr(appeal, name):
                    yield error(after.pos(name), "pending-appeal-changed", appeal=stem, field=name)


def appeals_in_time(change: Change) -> Iterator[Problem]:
    """An appeal filed in this change, or decided upheld or partly-upheld in it, is in time
    as the base holds the dates and rules: its month's `published` (a review: the
    reviewed appeal's `decided`) and, for a month closed in the base, the base's
    `appeals` window. A late appeal unlocks nothing."""
    base, head = change.base.records, change.head.records
    judged = {**change.new_appeals, **decided_in_change(base, head)}
    for stem, appeal in sorted(judged.items()):
        window = filing_window(appeal, base, head)
        if window is None or window.holds(appeal.filed):
            continue
        code = "lock-review-late" if appeal.review_of else "lock-appeal-late"
        yield error(
            appeal.pos("filed"), code, appeal=stem, filed=appeal.filed, start=window.start,
            window=window.days, month=appeal.month, review_of=appeal.review_of or "-",
        )  # fmt: skip


def contract_terms(change: Change) -> Iterator[Problem]:
    """A contract covering a closed month keeps its terms (only `to` may be shortened,
    while no closed month falls outside)."""
    closed = closed_months(change.base.records)
    for contract_id, old in change.base.records.contracts.items():
        covered = [m for m in closed if old.active(m)]
        if not covered:
            continue
        path = f"services/{contract_id}.yaml"
        new = change.head.records.contracts.get(contract_id)
        only_shortened = (
            new is not None
            and dataclasses.replace(old, end=new.end) == new
            and all(new.active(m) for m in covered)
        )
        if new != old and not only_shortened:
            yield error(
                Pos(path), "contract-terms-changed", contract=contract_id, month=covered[-1]
            )


def closed_year_rewards(change: Change) -> Iterator[Problem]:
    """A year whose months are all closed in the base keeps its reward allocation (§11):
    a change that moves its rows (through `rewards`, people's from/to, heads or members)
    is refused, naming the people, unless an appeal decided in this change moved them
    (then only what org.yaml moves is refused). A base without `rewards` is not compared;
    a dated `rewards` version from a later month changes what comes next."""
    base, head = change.base, change.head
    if base.records.org is None or base.records.org.rewards is None:
        return
    for year, months in closed_years(base.records).items():
        before = allocation_rows(base.records.org, base.years.get(year, ()), year)
        after = allocation_rows(head.records.org, head.years.get(year, ()), year)
        if before == after:
            continue
        if any(change.may_move(month) for month in months):
            # the appeal's figures with the base's org.yaml: what the appeal alone moves
            before = allocation_rows(base.records.org, head.years.get(year, ()), year)
        people = moved_people(before, after)
        if people:
            yield error(
                Pos("org.yaml"), "closed-year-rewards-moved", year=year, people=", ".join(people)
            )


def tracked_paths(change: Change) -> Iterator[Problem]:
    """What git tracks under the change's records: regular files only (``tracking``)."""
    yield from tracking_rules(change.view)


def base_code(change: Change) -> Iterator[Problem]:
    """The base's figures come from the base's code; when it cannot run, nothing is judged."""
    if change.base_code is not None:
        yield error(
            Pos("."),
            "base-code-failed",
            base=change.base_sha[:12],
            status=change.base_code.status,
            detail=change.base_code.detail or "-",
        )


def maintained_paths(change: Change) -> Iterator[Problem]:
    """CI runs the change's own code and workflows: a change to them needs a maintainer's
    review (CODEOWNERS). A notice, never a refusal."""
    if change.touched:
        paths = ", ".join(
            name + "/" if name in MAINTAINED_FOLDERS else name for name in change.touched
        )
        yield notice(Pos("."), "maintainer-review", paths=paths)


Rule = Callable[[Change], Iterable[Problem]]

# The problems the lock's rules raise (besides the tracking rules', ``tracking.CODES``).
CODES = frozenset(
    (
        "appeal-deleted",
        "base-code-failed",
        "closed-appeal-window-changed",
        "closed-figures-by-rules",
        "closed-figures-moved",
        "closed-item-changed",
        "closed-month-changed",
        "closed-seal-changed",
        "closed-year-rewards-moved",
        "contract-terms-changed",
        "decided-appeal-changed",
        "lock-appeal-late",
        "lock-review-late",
        "maintainer-review",
        "month-date-changed",
        "pending-appeal-changed",
        "status-backwards",
    )
)

RULES: list[Rule] = [
    closed_files,
    closed_seals,
    closed_figures,
    status_backwards,
    month_dates,
    appeal_window_rule,
    decided_appeals_kept,
    pending_appeals_kept,
    appeals_in_time,
    contract_terms,
    closed_year_rewards,
    tracked_paths,
    base_code,
    maintained_paths,
]
