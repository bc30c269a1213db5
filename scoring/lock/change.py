"""The two sides of a change, as the lock's rules read them.

``read_change(records, base)`` reads the base revision from git's object database
(``revisions.revision_at``) and the working tree in place: each side's records, every
path under the records folder with its git object id (dot-files and links included,
links as their target text), and the figures of the months closed in the base, the
base's computed with the base's code (``figures``). What the change decides and unlocks
(``unlocking``) is derived here once; the rules only read a ``Change``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from scoring import model
from scoring.lock.figures import BaseCodeError, Figures, figures_here, figures_with_code
from scoring.lock.unlocking import (
    Unlocked,
    closed_months,
    decided_in_change,
    filing_window,
    unlocked_by,
)
from scoring.records import read_records
from scoring.revisions import (
    Entry,
    Revision,
    algorithm_of,
    revision_at,
    tracked_entries,
    untracked_paths,
    work_entry,
)
from scoring.tracking import CACHE, GitView

CODE = "scoring"
# Paths CI runs from the change itself: a change to them needs a maintainer's review.
MAINTAINED_FOLDERS = (CODE, ".github")
MAINTAINED = (*MAINTAINED_FOLDERS, "pyproject.toml", "constraints.txt")
# Files outside month folders that every month's figures rest on.
SHARED_RULES = re.compile(r"^(?:org\.yaml|indicators\.yaml|bonus-rules\.yaml|routine/|services/)")


@dataclass
class Side:
    """One side of the change: its records, every path under them, its closed figures."""

    records: model.Records
    entries: dict[str, Entry]  # path relative to the records folder -> what git would hold
    figures: Figures | None  # months closed in the base -> canonical figures; None: unknown


@dataclass
class Change:
    """A change from the base revision to the working tree, read once for every rule."""

    root: Path  # the working tree's records folder
    base_sha: str
    base: Side
    head: Side
    view: GitView | None  # git's index for the working tree's records
    touched: tuple[str, ...]  # MAINTAINED paths the change touches
    base_code: BaseCodeError | None = None  # the base's code failed to score the base

    @property
    def language(self) -> str:
        org = self.head.records.org or self.base.records.org
        return org.language if org else "en"

    @cached_property
    def closed(self) -> list[str]:
        """The months closed in the base."""
        return closed_months(self.base.records)

    @cached_property
    def changed(self) -> set[str]:
        """Paths under the records folder added, removed or changed (links by their target)."""
        base, head = self.base.entries, self.head.entries
        return {
            path
            for path in base.keys() | head.keys()
            if path not in base or path not in head or base[path].same != head[path].same
        }

    @cached_property
    def new_appeals(self) -> dict[str, model.Appeal]:
        base = self.base.records.appeals
        return {s: a for s, a in self.head.records.appeals.items() if s not in base}

    @cached_property
    def decided(self) -> dict[str, model.Appeal]:
        """Appeals this change decides upheld or partly-upheld, in time as the base holds it."""
        base, head = self.base.records, self.head.records
        return {
            stem: appeal
            for stem, appeal in decided_in_change(base, head).items()
            if (window := filing_window(appeal, base, head)) is None or window.holds(appeal.filed)
        }

    @cached_property
    def unlocked(self) -> Unlocked:
        return unlocked_by(self.decided, self.base.records, self.head.records)

    def moves(self, month: str) -> bool | None:
        """Whether the month's figures move (None: the base's could not be computed)."""
        if self.base.figures is None or self.head.figures is None:
            return None
        return self.base.figures.get(month) != self.head.figures.get(month)

    def may_move(self, month: str) -> bool:
        """A decided appeal of this month, or of a closed month before it, may move it."""
        return any(decided <= month for decided in self.unlocked.months)

    @cached_property
    def rules_changed(self) -> bool:
        return any(SHARED_RULES.match(path) for path in self.changed)

    @cached_property
    def figures_under_base_rules(self) -> Figures:
        """The change's records scored with the base's shared files (org, indicators, bonus
        rules, routine targets, contracts): what the change's figures would be had only
        its month records changed."""
        base = self.base.records
        hybrid = dataclasses.replace(
            self.head.records,
            org=base.org,
            indicators=base.indicators,
            bonus_rules=base.bonus_rules,
            routine=base.routine,
            contracts=base.contracts,
        )
        return figures_here(hybrid, self.closed)


def _under(path: str, names: tuple[str, ...]) -> bool:
    return any(path == name or path.startswith(name + "/") for name in names)


def _records_entries(
    root: Path, tracked: dict[str, Entry], present: set[str], algorithm: str
) -> dict[str, Entry]:
    """Every file the working records folder holds or git's index lists, as git would."""
    entries = {}
    for path in present | tracked.keys():
        known = tracked.get(path)
        found = known if known and known.kind == "submodule" else work_entry(root / path, algorithm)
        if found is not None:
            entries[path] = found
    return entries


def _touched(revision: Revision, index: dict[str, Entry], algorithm: str) -> tuple[str, ...]:
    """The MAINTAINED paths whose working files differ from the base's tree."""
    paths = {p for p in index if _under(p, MAINTAINED)}
    # Bytecode python writes beside the sources is not code anyone changed.
    paths |= {
        p for p in untracked_paths(revision.top, MAINTAINED) if "__pycache__" not in p.split("/")
    }
    work = {}
    for path in paths:
        known = index.get(path)
        if known and known.kind == "submodule":
            found: Entry | None = known
        else:
            found = work_entry(revision.top / path, algorithm)
        if found is not None:
            work[path] = found.same
    base = {p: e.same for p, e in revision.others.items()}
    return tuple(
        name
        for name in MAINTAINED
        if {p: s for p, s in base.items() if _under(p, (name,))}
        != {p: s for p, s in work.items() if _under(p, (name,))}
    )


def _figures(
    revision: Revision, base: model.Records, head: model.Records, months: list[str], code: bool
) -> tuple[Figures | None, Figures | None, BaseCodeError | None]:
    """Base and change figures of the closed months; the base's with its code when it differs."""
    if not months:
        return {}, {}, None
    after = figures_here(head, months)
    if not code:
        return figures_here(base, months), after, None
    folder = revision.folder / "code"
    revision.extract(CODE, folder)
    try:
        return figures_with_code(folder, revision.records, months), after, None
    except BaseCodeError as exc:
        return None, after, exc


def read_change(records: Path, base: str) -> Change:
    """The change from ``base`` (a git revision) to the working tree's ``records``."""
    with revision_at(records, base, MAINTAINED) as revision:
        algorithm = algorithm_of(revision.sha)
        base_records = read_records(revision.records).records
        head_records = read_records(records).records
        index = tracked_entries(revision.top, (revision.prefix or ".", CACHE, *MAINTAINED))
        inside = revision.prefix + "/" if revision.prefix else ""
        tracked = {p[len(inside) :]: e for p, e in index.items() if p.startswith(inside)}
        head_entries = _records_entries(records, tracked, head_records.present, algorithm)
        touched = _touched(revision, index, algorithm)
        base_has_code = any(_under(p, (CODE,)) for p in revision.others)
        months = closed_months(base_records)
        base_figures, head_figures, failure = _figures(
            revision, base_records, head_records, months, base_has_code and CODE in touched
        )
        view = GitView(
            tracked,
            tuple(sorted(p for p in index if _under(p, (CACHE,)))),
            frozenset(head_records.present),
        )
        return Change(
            root=records,
            base_sha=revision.sha,
            base=Side(base_records, revision.entries, base_figures),
            head=Side(head_records, head_entries, head_figures),
            view=view,
            touched=touched,
            base_code=failure,
        )
