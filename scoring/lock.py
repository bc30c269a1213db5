"""The closed-month lock (DESIGN.md §4): what a change may do to closed months.

``check_lock`` compares the records of a base revision with the records after a
change. A closed month is frozen: changing, adding, removing or renaming any file under
it, or moving any of its figures (through the rules, the weights or the scorer), is
refused unless the same change adds or modifies an upheld or partly-upheld appeal for
that month. Resealing a month whose figures stay as they were (mending the chain)
needs no appeal. A month's status never moves backwards, and a contract's terms are
not edited once a month it covers is closed (only its `to` may be shortened, as long
as no closed month falls outside).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from scoring import model
from scoring.checks.context import STATUS_ORDER
from scoring.problems import Pos, Problem, error
from scoring.records import list_files

ALLOWING = ("upheld", "partly-upheld")
FiguresOf = Callable[[model.Records, str], object]


def digests(root: Path) -> dict[str, str]:
    """Every file's sha256 (symbolic links by their target text)."""
    found = {}
    for path in list_files(root):
        full = root / path
        data = str(full.readlink()).encode() if full.is_symlink() else full.read_bytes()
        found[path] = hashlib.sha256(data).hexdigest()
    return found


def changed_paths(base: dict[str, str], head: dict[str, str]) -> set[str]:
    return {path for path in base.keys() | head.keys() if base.get(path) != head.get(path)}


def allowing_appeals(changed: set[str], head: model.Records) -> dict[str, list[str]]:
    """Month -> the appeals added or changed in this change that allow amending it."""
    allowed: dict[str, list[str]] = {}
    for stem, appeal in head.appeals.items():
        path = f"appeals/{stem}.yaml"
        if path in changed and appeal.status in ALLOWING:
            allowed.setdefault(appeal.month, []).append(path)
    return allowed


def _closed(records: model.Records) -> list[str]:
    return [m.month for m in records.months.values() if m.status == "closed"]


def _seal_mends_chain(base: model.MonthRecords, head: model.MonthRecords | None) -> bool:
    """A reseal that leaves the figures as they were only mends the chain."""
    if head is None or base.seal is None or head.seal is None:
        return False
    old, new = base.seal, head.seal
    return (old.figures, old.departments, old.services) == (
        new.figures,
        new.departments,
        new.services,
    )


def closed_files(
    base: model.Records, head: model.Records, changed: set[str], allowed: dict[str, list[str]]
) -> Iterator[Problem]:
    for month in _closed(base):
        if month in allowed:
            continue
        for path in sorted(p for p in changed if p.startswith(month + "/")):
            if path == f"{month}/seal.yaml" and _seal_mends_chain(
                base.months[month], head.months.get(month)
            ):
                continue
            yield error(Pos(path), "closed-month-changed", month=month)


def status_backwards(base: model.Records, head: model.Records) -> Iterator[Problem]:
    for month, records in base.months.items():
        if records.status is None:
            continue
        after = head.months.get(month)
        status = after.status if after else None
        if status is None or STATUS_ORDER.index(status) < STATUS_ORDER.index(records.status):
            yield error(
                Pos(f"{month}/month.yaml"),
                "status-backwards",
                month=month,
                before=records.status,
                after=status or "-",
            )


def contract_terms(base: model.Records, head: model.Records) -> Iterator[Problem]:
    closed = _closed(base)
    for contract_id, old in base.contracts.items():
        covered = [m for m in closed if old.active(m)]
        if not covered:
            continue
        path = f"services/{contract_id}.yaml"
        new = head.contracts.get(contract_id)
        if new is None:
            yield error(
                Pos(path), "contract-terms-changed", contract=contract_id, month=covered[-1]
            )
        elif new != old:
            only_shortened = dataclasses.replace(old, end=new.end) == new and all(
                new.active(m) for m in covered
            )
            if not only_shortened:
                yield error(
                    Pos(path), "contract-terms-changed", contract=contract_id, month=covered[-1]
                )


def figures_moved(
    base: model.Records, head: model.Records, allowed: dict[str, list[str]], figures_of: FiguresOf
) -> Iterator[Problem]:
    for month in _closed(base):
        if month in allowed or month not in head.months:
            continue
        before, after = figures_of(base, month), figures_of(head, month)
        if before != after:
            yield error(Pos(f"{month}/month.yaml"), "closed-figures-moved", month=month)


def check_lock(
    base_root: Path,
    head_root: Path,
    base: model.Records,
    head: model.Records,
    figures_of: FiguresOf | None = None,
) -> list[Problem]:
    """Every refusal of the change from ``base`` to ``head``; empty when it may land."""
    changed = changed_paths(digests(base_root), digests(head_root))
    allowed = allowing_appeals(changed, head)
    problems = [
        *closed_files(base, head, changed, allowed),
        *status_backwards(base, head),
        *contract_terms(base, head),
    ]
    if figures_of is not None:
        problems.extend(figures_moved(base, head, allowed, figures_of))
    return problems
