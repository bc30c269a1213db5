"""The two sides of a change, as the lock's rules read them.

``read_change(records, base)`` reads both sides through the engine (``scoring.engine``):
the base revision from git's object database, the working tree in place, each from its
month summaries (the cache serves every month whose files did not change) with the
months the change touches or its appeals name read in full. It lists every path under
the records folder with its git object id (dot-files and links included, links as
their target text) and takes the figures of the months closed in the base from each
side's engine; when the change edits the scorer's code, the base's figures come from
the base's own code instead (``figures``). For the years closed in the base it takes
what their reward allocations need of their months (``rewards``). What the change decides and unlocks
(``unlocking``) is derived here once; the rules only read a ``Change``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from scoring import model
from scoring.engine import Engine
from scoring.engine.store import Store, open_store
from scoring.formats import month_folder
from scoring.lock.figures import (
    BaseCodeError,
    Figures,
    figures_here,
    figures_with_code,
)
from scoring.lock.rewards import YearInputs, closed_year_inputs
from scoring.lock.unlocking import (
    Unlocked,
    closed_months,
    decided_in_change,
    filing_window,
    unlocked_by,
)
from scoring.revisions import (
    Entry,
    RevisionError,
    algorithm_of,
    repository_of,
    resolve,
    revision_at,
    split_listing,
    tree_entries,
    work_entry,
)
from scoring.sources import REGULAR, FolderSource, RevisionSource
from scoring.tracking import GitView, WorkTree, work_tree

CODE = "scoring"
FILE_MODE = "100644"  # the kind (a file) is what entries compare, not the executable bit
# Paths CI runs from the change itself: a change to them needs a maintainer's review.
MAINTAINED_FOLDERS = (CODE, ".github")
MAINTAINED = (*MAINTAINED_FOLDERS, "pyproject.toml", "constraints.txt")
# Files outside month folders that every month's figures rest on.
SHARED_RULES = re.compile(r"^(?:org\.yaml|indicators\.yaml|bonus-rules\.yaml|routine/|services/)")


@dataclass
class Side:
    """One side of the change: its records, every path under them, its closed figures.

    ``records`` holds the files outside month folders and every month folder: in full
    those the change touches or an appeal of either side names, the others as their
    month summaries give them (month.yaml, seal.yaml, claims); ``engine`` reads any
    month in full when asked.
    """

    records: model.Records
    entries: dict[str, Entry]  # path relative to the records folder -> what git would hold
    figures: Figures | None  # months closed in the base -> canonical figures; None: unknown
    engine: Engine | None = None
    years: YearInputs = dataclasses.field(default_factory=dict)  # closed years (rewards)


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

    known_changes: set[str] | None = None  # ``changed``, when its reader computed it already

    @cached_property
    def changed(self) -> set[str]:
        """Paths under the records folder added, removed or changed (links by their target)."""
        if self.known_changes is not None:
            return self.known_changes
        return _changed(self.base.entries, self.head.entries)

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
        head = self.head.engine.records() if self.head.engine else self.head.records
        hybrid = dataclasses.replace(
            head,
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
    root: Path, work: WorkTree, present: set[str], algorithm: str, known: dict[str, str]
) -> dict[str, Entry]:
    """Every file the working records folder holds or git's index lists, as git would
    hold it: a file git vouches for as its index holds it, the others looked at
    (``known``: content ids the engine already has, of the bytes it read)."""
    entries: dict[str, Entry] = {}
    looked = [path for path in present if path not in work.tracked]  # drafts git lacks
    for path, held in work.tracked.items():
        if held.kind == "submodule" or (held.mode in REGULAR and path not in work.unsure):
            entries[path] = held
        else:
            looked.append(path)
    for path in looked:
        found = (
            Entry(FILE_MODE, known[path]) if path in known else work_entry(root / path, algorithm)
        )
        if found is not None:
            entries[path] = found
    return dict(sorted(entries.items()))


def _touched(
    top: Path, others: dict[str, Entry], work: WorkTree, algorithm: str
) -> tuple[str, ...]:
    """The MAINTAINED paths whose working files differ from the base's tree (a file git
    vouches for by its index id, the others read)."""
    # Bytecode python writes beside the sources is not code anyone changed.
    paths = {p for p in work.outside_untracked if "__pycache__" not in p.split("/")}
    paths.update(work.outside)
    found: dict[str, tuple[str, str]] = {}
    for path in paths:
        known = work.outside.get(path)
        if known and known.kind == "submodule":
            entry: Entry | None = known
        else:
            entry = work.vouched(path) or work_entry(top / path, algorithm)
        if entry is not None:
            found[path] = entry.same
    base = {p: e.same for p, e in others.items()}
    return tuple(
        name
        for name in MAINTAINED
        if {p: s for p, s in base.items() if _under(p, (name,))}
        != {p: s for p, s in found.items() if _under(p, (name,))}
    )


def _changed(base: dict[str, Entry], head: dict[str, Entry]) -> set[str]:
    """Paths added, removed or changed (a file by its content, a link by its target)."""
    found = base.keys() ^ head.keys()
    for path, before in base.items():
        after = head.get(path)
        if after is not None and after != before:  # the same mode and id: the same
            if before.oid != after.oid or before.kind != after.kind:
                found.add(path)
    return found


def _view(engine: Engine, full: set[str]) -> model.Records:
    """The side's records: the months in ``full`` parsed, the others from their summaries."""
    evaluation = engine.evaluation()
    months = {}
    for month, summary in evaluation.summaries.items():
        if not summary.exists:
            continue
        if month in full:
            months[month] = engine.month_records(month)
        else:
            months[month] = model.MonthRecords(
                month, info=summary.info, seal=summary.seal, bonuses=dict(summary.bonuses)
            )
    return dataclasses.replace(evaluation.shared, months=months)


def _closed_figures(engine: Engine, months: list[str]) -> Figures:
    """The months' figure fingerprints (what a seal hashes) by the running code."""
    evaluation = engine.evaluation()
    if evaluation.org is None:
        return dict.fromkeys(months)
    return {
        month: engine.seal_digest(month) if month in evaluation.months else None for month in months
    }


LISTS = "lists"  # the base commits' listings (``_base_listing``), by commit
KEPT_LISTS = 4


def _base_listing(
    store: Store | None, top: Path, sha: str, prefix: str
) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """The base commit's paths under the records folder and under MAINTAINED (one
    ``git ls-tree``), kept by commit: a commit never changes."""
    name = f"{LISTS}/{sha}"
    kept = store.get(name) if store is not None else None
    if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == prefix:
        return kept[1], kept[2]
    listed = tree_entries(top, sha, (prefix or ".", *MAINTAINED))
    entries, others = split_listing(listed, prefix, MAINTAINED)
    if store is not None:
        store.put(name, (prefix, entries, others))
        store.prune(LISTS, KEPT_LISTS)
    return entries, others


def read_change(records: Path, base: str, cache: bool = True) -> Change:
    """The change from ``base`` (a git revision) to the working tree's ``records``."""
    top, prefix = repository_of(records)
    sha = resolve(records, base)
    algorithm = algorithm_of(sha)
    store = open_store(records) if cache else None
    base_entries, others = _base_listing(store, top, sha, prefix)
    work = work_tree(records, MAINTAINED)
    if work is None:
        raise RevisionError("cli.git-failed", detail="git ls-files")
    head_source = FolderSource(records)
    head_engine = Engine(head_source, store, drafts=True, work=work)  # the working tree as it is
    base_source = RevisionSource(top, sha, prefix, records.resolve().name)
    try:
        base_engine = Engine(base_source, store)
        head_present = set(head_engine.evaluation().present)
        known = dict(head_source.ids) if head_source.algorithm == algorithm else {}
        head_entries = _records_entries(records, work, head_present, algorithm, known)
        changed = _changed(base_entries, head_entries)
        # months read in full: those the change touches, and those of the appeals it
        # adds or edits (what they unlock is judged from their subjects' contents)
        before = base_engine.evaluation().shared.appeals
        after = head_engine.evaluation().shared.appeals
        edited = [a for stem, a in after.items() if before.get(stem) != a]
        edited += [a for stem, a in before.items() if after.get(stem) != a]
        closed = {m for m, s in base_engine.evaluation().summaries.items() if s.status == "closed"}
        full = ({m for m in map(month_folder, changed) if m} | {a.month for a in edited}) & closed
        base_records = _view(base_engine, full)
        head_records = _view(head_engine, full)
        touched = _touched(top, others, work, algorithm)
        base_has_code = any(_under(p, (CODE,)) for p in others)
        months = closed_months(base_records)
        failure = None
        head_figures: Figures | None = _closed_figures(head_engine, months)
        if base_has_code and CODE in touched and months:
            base_figures, failure = _base_code_figures(records, base, months)
        else:
            base_figures = _closed_figures(base_engine, months)
        base_years = closed_year_inputs(base_engine, base_records)
        head_years = closed_year_inputs(head_engine, base_records)
    finally:
        base_source.close()
    view = work.view(head_present)
    return Change(
        root=records,
        base_sha=sha,
        base=Side(base_records, base_entries, base_figures, base_engine, base_years),
        head=Side(head_records, head_entries, head_figures, head_engine, head_years),
        view=view,
        touched=touched,
        base_code=failure,
        known_changes=changed,
    )


def _base_code_figures(
    records: Path, base: str, months: list[str]
) -> tuple[Figures | None, BaseCodeError | None]:
    """The base's figures by the base's own code (its ``scoring/``, written out of the
    object database with its records, run in a child interpreter)."""
    with revision_at(records, base, (CODE,)) as revision:
        folder = revision.folder / "code"
        revision.extract(CODE, folder)
        try:
            return figures_with_code(folder, revision.records, months), None
        except BaseCodeError as exc:
            return None, exc
