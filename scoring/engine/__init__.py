"""The engine: one evaluation of a records source, reading only the months that changed.

Every command that reads records goes through ``Engine`` (``validate``, ``score``,
``explain``, ``diff``, ``check-lock``, ``seal``, the site's build and ``mkdocs serve``),
so they give the same answers from the same code. An evaluation:

1. lists the source (``scoring.sources``: a folder, from git's word when it lies in a
   work tree, or a git commit) with each file's content id; a month's key is a hash of
   kaoping's own code, the files outside month folders it rests on (org, indicators,
   bonus rules, routine targets, contracts) and its own files;
2. takes from the store (``engine.store``, signed files in ``.cache/kaoping/``) the
   summary of every month whose key it knows, and reads and summarises the others
   (``engine.summary``: the month's own rules, its assessment); the files outside
   month folders, and those of the months not closed, are parsed once per content (an
   edit to the current month reads the edited file, not its month);
3. runs the rules of the files outside months and the rules across months from the
   summaries (``checks``: scopes shared and cross), and checks stored seals;
4. settles a month's figures (claims, totals, ranks, grades, notices) from its summary
   when its basis (its key, its claims' verdicts, its departments' streaks, its
   contracts' notices) moved, else takes them from the store as ``score`` prints them.

A commit's records tree is evaluated once and kept whole (``KeptTree``): the base of a
pull request costs ``diff`` and ``check-lock`` one entry. The answer is the same with
or without a store: without one, every month is read and summarised. Nothing here
prints, exits, or changes interpreter-wide state; values
handed out are never changed afterwards. ``Evaluation`` (the checked state, possibly
from summaries only) is its own type: it has no records to score. ``records()`` and
``results()`` read every month for those who need every operand (the site).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from scoring import model, tracking
from scoring.checks import CROSS, SHARED, rules_of, run_rules
from scoring.checks.context import Context
from scoring.engine.store import Store, open_store
from scoring.engine.summary import MonthSummary, Standings, assess, summarise
from scoring.formats import month_folder
from scoring.problems import ERROR, WARNING, Problem, count, sorted_problems
from scoring.published import (
    Figures,
    MonthRows,
    Row,
    sealed_figures,
    settled_row,
    year_rows,
)
from scoring.records import Parsed, printable, read_records
from scoring.results import MonthResult, Results, month_result, score
from scoring.results.claims import ClaimVerdict, department_streaks
from scoring.results.departments import DepartmentMonth, settlements
from scoring.results.services import notice_due, service_month, with_notice
from scoring.results.years import YearResult, score_years
from scoring.revisions import repository_of, resolve
from scoring.sealing import MonthSeal, figures_hash, readable_figures, seal_problems
from scoring.sources import FILE, OTHER, FolderSource, Listing, RevisionSource, Source, Status
from scoring.suggestions import directory

SharedEntry = tuple[str, object, list[Problem]]  # a file's content id, its value, its problems
SHARED_FILE = re.compile(
    r"^(?:org\.yaml|indicators\.yaml|bonus-rules\.yaml|routine/.*|services/.*)$"
)
MAX_HASHED_BYTES = 64 * 1024 * 1024  # a bigger file makes its month uncacheable


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Settled:
    """A month's figures as kept: its rows as ``score`` prints them, what its year needs,
    and what its seal covers."""

    basis: str
    status: str | None
    grades: tuple[tuple[str, str], ...]
    text: str
    year_departments: tuple[tuple[str, bool, str | None], ...]  # department, complete, total
    year_services: tuple[tuple[str, str, bool, str | None, str | None, str | None], ...]
    seal_digest: str
    seal_departments: dict[str, Any]
    seal_services: dict[str, Any]

    def rows(self, month: str) -> MonthRows:
        return MonthRows(month, self.status, self.grades, text=self.text)


@dataclass(frozen=True)
class YearInput:
    """What a year needs of a month (``results.years.MonthFigures``), from ``Settled``."""

    month: str
    status: str | None
    departments: tuple[Row, ...]
    services: tuple[Row, ...]


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def year_input(month: str, settled: Settled) -> YearInput:
    departments = tuple(
        {"department": d, "complete": c, "total": _decimal(t)}
        for d, c, t in settled.year_departments
    )
    services = tuple(
        {
            "contract": k,
            "name": n,
            "complete": c,
            "score": _decimal(s),
            "payable": _decimal(p),
            "withheld": _decimal(w),
        }
        for k, n, c, s, p, w in settled.year_services
    )
    return YearInput(month, settled.status, departments, services)


@dataclass(frozen=True)
class Evaluation:
    """The checked state of a source: its problems and what each month contributes.

    Built from month summaries, not from every file: it holds no records to score.
    """

    name: str  # the records folder's name, for showing paths
    shared: model.Records  # the files outside month folders only (``months`` empty)
    summaries: Mapping[str, MonthSummary]  # every month folder, ascending
    problems: tuple[Problem, ...]
    read: frozenset[str]  # the month folders read in this evaluation

    @property
    def org(self) -> model.Org | None:
        return self.shared.org

    @property
    def language(self) -> str:
        return self.shared.org.language if self.shared.org else "en"

    @property
    def errors(self) -> int:
        return count(list(self.problems), ERROR)

    @property
    def warnings(self) -> int:
        return count(list(self.problems), WARNING)

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(m for m, s in self.summaries.items() if s.exists)

    @property
    def present(self) -> set[str]:
        return self.shared.present


@dataclass(frozen=True)
class KeptTree:
    """A commit's records tree as evaluated: the evaluation, the months' keys and the
    claims' verdicts (what the figures are settled from)."""

    evaluation: Evaluation
    keys: Mapping[str, str | None]
    verdicts: tuple[ClaimVerdict, ...]


@dataclass(frozen=True)
class Kept:
    """A month as a long-lived process keeps it: summary, standings, parsed records."""

    summary: MonthSummary
    standings: Standings
    records: model.MonthRecords | None
    assessed: tuple[DepartmentMonth, ...]


class Memory:
    """What a long-lived process (``mkdocs serve``) keeps between evaluations of one
    source: each month as last read (trusted while its key holds) and the parsed files
    outside month folders."""

    def __init__(self) -> None:
        self.months: dict[str, Kept] = {}
        self.shared: dict[str, SharedEntry] = {}
        self.results: dict[str, tuple[str, MonthResult]] = {}  # month -> (basis, result)


def folder_engine(root: Path, cache: bool = True, memory: Memory | None = None) -> Engine:
    """The engine of a records folder; with ``cache``, its store beside the folder."""
    store = open_store(root) if cache else None
    return Engine(FolderSource(root), store, memory)


@contextmanager
def engine_at(records: Path, revision: str | None, cache: bool = True) -> Iterator[Engine]:
    """The engine of the records as of ``revision``: the working tree's folder (None), or
    the commit's records read from git's object database. Both share the working tree's
    store: content ids are git's blob ids in both, so a month unchanged since the
    revision is not read twice."""
    if revision is None:
        yield folder_engine(records, cache)
        return
    top, prefix = repository_of(records)
    source = RevisionSource(top, resolve(records, revision), prefix, records.resolve().name)
    try:
        yield Engine(source, open_store(records) if cache else None)
    finally:
        source.close()


class Engine:
    """One evaluation of ``source``; asks are answered from what it already read."""

    def __init__(
        self,
        source: Source,
        store: Store | None = None,
        memory: Memory | None = None,
        drafts: bool = False,
        work: tracking.WorkTree | None = None,
    ) -> None:
        self.source = source
        self.store = store
        self.memory = memory
        self.drafts = drafts  # read files git does not know too (check-lock's working tree)
        self.work = work  # git's word on a folder source, when the caller asked already
        self._evaluation: Evaluation | None = None
        self._keys: dict[str, str | None] = {}
        self._parsed: dict[str, model.MonthRecords] = {}
        self._assessed: dict[str, tuple[DepartmentMonth, ...]] = {}
        self._standings: dict[str, Standings] = {}
        self._settled: dict[str, Settled] = {}
        self._verdicts: tuple[ClaimVerdict, ...] | None = None
        self._listing: Listing | None = None
        self._tracking: list[Problem] = []
        self._figures: Figures | None = None
        self._years: tuple[YearResult, ...] | None = None
        self._records: model.Records | None = None
        self._results: Results | None = None
        self._kept_shared: dict[str, str] = {}
        self._clean: dict[tuple[str, str], bool] | None = None
        self._scores: dict[tuple[str, str], Decimal | None] | None = None
        self._streaks: dict[tuple[str, str], int] | None = None
        self._by_month: dict[str, list[ClaimVerdict]] | None = None
        self._notices_due: dict[str, dict[str, bool]] = {}
        self._digests: dict[str, tuple[str, str]] | None = None  # month -> basis, fingerprint
        self._bases: dict[str, str] = {}
        self._kept_digests: dict[str, tuple[str, str]] = {}
        self._index: dict[str, tuple[Status, str]] = {}

    # ------------------------------------------------------------ checking

    def evaluation(self) -> Evaluation:
        """Every problem of the records (read once, then kept)."""
        if self._evaluation is None:
            tree = self._tree() if self.store is not None else None
            kept = self.store.get(f"{TREES}/{tree}") if self.store and tree else None
            if isinstance(kept, KeptTree) and kept.evaluation.name == self.source.name:
                self._keys = dict(kept.keys)
                self._verdicts = kept.verdicts
                self._evaluation = replace(kept.evaluation, read=frozenset())
            else:
                self._evaluation = self._evaluate()
                if self.store is not None and tree is not None:
                    self.store.put(
                        f"{TREES}/{tree}",
                        KeptTree(self._evaluation, self._keys, self._verdicts or ()),
                    )
                    self.store.prune(TREES, KEPT_TREES)
        return self._evaluation

    def _tree(self) -> str | None:
        """A commit's records tree: its evaluation is the same wherever it is asked for
        (nothing in the rules depends on the day or the machine), so it is kept whole."""
        return self.source.tree() if isinstance(self.source, RevisionSource) else None

    def _listing_of_source(self) -> Listing:
        """The source's files; in a git work tree, those git tracks or stages (a draft git
        does not know yet is left out, reported as ``untracked-file``, so it never blocks
        an unrelated commit), with what git's index says of them (``tracking``)."""
        if self._listing is None:
            source = self.source
            if not isinstance(source, FolderSource):
                self._listing = source.listing()
                return self._listing
            converting = self.store is not None and self.store.get(CONVERTED) is True
            work = None if converting else self.work or tracking.work_tree(source.root)
            if work is not None and len(work.unsure) > max(STALE, len(work.tracked) // 8):
                work = None  # git's index has gone stale for most files (they were touched
                # or copied since git last looked): walked, the stat index serves
            if work is None and self.store is not None:  # walked: the stat index helps
                self._index = _load_index(self.store)
                source.trust(self._index)
            listing = source.listing(work)
            if not self.drafts:
                # what git can hold: a pipe or a socket git neither tracks nor lists
                present = [p for p, e in listing.entries.items() if e.kind != OTHER]
                view = (
                    work.view(present)
                    if work is not None
                    else tracking.view_of(source.root, present)
                )
                if view is not None:
                    self._tracking = tracking.run_rules(view)
                    tracked = view.tracked
                    if any(p not in tracked for p in listing.entries):  # drafts left unread
                        entries = {p: e for p, e in listing.entries.items() if p in tracked}
                        listing = Listing(entries, listing.linked_folders)
            self._listing = listing
        return self._listing

    def _evaluate(self) -> Evaluation:
        listing = self._listing_of_source()
        groups = {m: paths for m, paths in listing.groups.items() if m is not None}
        shared_parsed = self._known_shared(listing)
        unsafe = {month_folder(path) for path in listing.linked_folders}
        # the files outside month folders first: every month's key rests on them
        outside = set(listing.groups.get(None, ()))
        loaded = read_records(
            self.source, select=outside.__contains__, listing=listing, known=shared_parsed
        )
        shared = loaded.records
        problems = list(loaded.problems)
        shared_key = self._shared_key(listing)
        summaries: dict[str, MonthSummary] = {}
        to_read: set[str] = set()
        kept = self._kept_months()
        for month, paths in groups.items():
            if month not in kept:  # nothing kept could match: its key waits for its reading
                to_read.add(month)
                continue
            key = self._month_key(shared_key, month, paths, month in unsafe)
            self._keys[month] = key
            found = self._stored_summary(month, key)
            if found is None:
                to_read.add(month)
            else:
                summaries[month] = found
        if to_read:
            self._read_months(shared, listing, groups, unsafe, shared_key, to_read, summaries)
        summaries = dict(sorted(summaries.items()))
        months = tuple(m for m, s in summaries.items() if s.exists)
        self._remember_shared(shared_parsed)
        skeleton = replace(
            shared,
            months={
                m: model.MonthRecords(m, info=s.info, bonuses=dict(s.bonuses), seal=s.seal)
                for m, s in summaries.items()
                if s.exists
            },
        )
        clean = self._clean_flags(summaries)
        context = Context(skeleton, month_names=months, clean=clean, items=SubjectItems(summaries))
        self._verdicts = context.claim_verdicts()
        problems += run_rules(rules_of(SHARED) + rules_of(CROSS), context)
        problems += self._tracking
        for summary in summaries.values():
            problems += summary.problems
        evaluation = Evaluation(
            self.source.name,
            replace(shared, months={}),
            summaries,
            tuple(sorted_problems(problems)),
            frozenset(to_read),
        )
        self._save_index()
        if shared.org is None or evaluation.errors:
            return evaluation
        self._evaluation = evaluation  # the seals are checked from the figures it gives
        sealed = seal_check(self, evaluation)
        return replace(evaluation, problems=tuple(sorted_problems([*problems, *sealed])))

    def _known_shared(self, listing: Listing) -> Parsed:
        """Files outside month folders already parsed, by unchanged content id."""
        kept: Mapping[str, SharedEntry] = {}
        if self.memory is not None and self.memory.shared:
            kept = self.memory.shared
        elif self.store is not None:
            kept = self.store.get("shared") or {}
        self._kept_shared = {path: entry[0] for path, entry in kept.items()}
        known: Parsed = {}
        for path, (file_id, value, problems) in kept.items():
            entry = listing.entries.get(path)
            if entry is not None and entry.id is not None and entry.id == file_id:
                known[path] = (value, problems)
        return known

    def _remember_shared(self, parsed: Parsed) -> None:
        """Keep the parsed files outside month folders, by content id, when they changed."""
        entries: dict[str, SharedEntry] = {}
        for path, (value, problems) in parsed.items():
            file_id = self.source.file_id(path, MAX_HASHED_BYTES)
            if file_id is not None and printable(path) == path:
                entries[path] = (file_id, value, problems)
        if self.memory is not None:
            self.memory.shared = entries
        if self.store is not None and {p: e[0] for p, e in entries.items()} != self._kept_shared:
            self.store.put("shared", entries)

    def _shared_key(self, listing: Listing) -> str | None:
        parts = []
        for path, entry in listing.entries.items():
            if month_folder(path) is None and SHARED_FILE.match(path):
                file_id = (
                    self.source.file_id(path, MAX_HASHED_BYTES) if entry.kind == FILE else None
                )
                if file_id is None or printable(path) != path:
                    return None
                parts.append(f"{path}\0{file_id}")
        return _hash(*parts)

    def _month_key(
        self, shared_key: str | None, month: str, paths: list[str], unsafe: bool
    ) -> str | None:
        """The month's key: a hash of what it rests on and of its files' content ids (a
        file whose status moved is read and hashed, not parsed); None when a file cannot
        be read or named (the month is then read every time)."""
        if shared_key is None or unsafe:
            return None
        entries = self._listing_of_source().entries
        parts = [shared_key, month]
        for path in paths:  # the source's ids: after a reading, those of the bytes read
            file_id = (
                self.source.file_id(path, MAX_HASHED_BYTES) if entries[path].kind == FILE else None
            )
            if file_id is None or printable(path) != path:
                return None
            parts.append(f"{path}\0{file_id}")
        return _hash(*parts)

    def _kept_months(self) -> set[str]:
        """The months with a summary kept in memory or in the store, under any key."""
        months = set(self.memory.months) if self.memory is not None else set()
        if self.store is not None:
            months.update(name.partition(".")[0] for name in self.store.names("months"))
        return months

    def _stored_summary(self, month: str, key: str | None) -> MonthSummary | None:
        if key is None:
            return None
        kept = self.memory.months.get(month) if self.memory is not None else None
        if kept is not None and kept.summary.key == key:
            self._standings[month] = kept.standings
            if kept.records is not None:
                self._parsed[month] = kept.records
                self._assessed[month] = kept.assessed
            return kept.summary
        if self.store is None:
            return None
        found = self.store.get_version("months", month, key)
        if isinstance(found, MonthSummary) and found.key == key:
            return found
        return None

    def _read_months(
        self,
        shared: model.Records,
        listing: Listing,
        groups: dict[str, list[str]],
        unsafe: set[str | None],
        shared_key: str | None,
        months: set[str],
        summaries: dict[str, MonthSummary],
    ) -> None:
        wanted = {path for month in months for path in groups[month]}
        known = self._kept_files(months, listing)
        kept = set(known)
        loaded = read_records(
            self.source,
            select=wanted.__contains__,
            listing=listing,
            known=known,
            names=directory(shared),
        )
        by_month: dict[str, list[Problem]] = {m: [] for m in months}
        for problem in loaded.problems:
            folder = month_folder(problem.path)
            if folder in by_month:
                by_month[folder].append(problem)
        for month in sorted(months):
            # the key of the bytes parsed (no second reading): for a month nothing was kept
            # of, its first; else the key it was looked up by, unless a file changed since
            # it was listed or git converts its bytes (what is kept is always keyed by them)
            key = self._keys[month] = self._month_key(
                shared_key, month, groups[month], month in unsafe
            )
            found = loaded.records.months.get(month)
            summary, standings, assessed = summarise(
                key or "", shared, month, found, by_month[month]
            )
            summaries[month] = summary
            self._standings[month] = standings
            if found is not None:
                self._parsed[month] = found
                self._assessed[month] = assessed
            if key is not None:
                if self.store is not None:
                    self.store.put_version("months", month, key, summary)
                    self.store.put_version("standings", month, key, standings)
                    if summary.status != "closed":
                        self._keep_files(month, groups[month], known, kept)
                if self.memory is not None:
                    self.memory.months[month] = Kept(summary, standings, found, assessed)

    def _kept_files(self, months: set[str], listing: Listing) -> Parsed:
        """The files of ``months`` kept parsed (``_keep_files``) whose ids still hold."""
        known: Parsed = {}
        if self.store is None:
            return known
        ids = self.source.ids
        for month in months & self.store.names(FILES):  # only months not closed have one
            kept = self.store.get(f"{FILES}/{month}")
            if not isinstance(kept, dict):
                continue
            for path, (file_id, value, problems) in kept.items():
                if ids.get(path) == file_id and listing.entries.get(path, _NO).kind == FILE:
                    known[path] = (value, problems)
        return known

    def _keep_files(self, month: str, paths: list[str], known: Parsed, kept: set[str]) -> None:
        """Keep each file of a month not closed parsed, by content id, when one was read:
        such a month is the one edited, and an edit to one of its files then reads that
        file alone (its month's rules still run over all of them)."""
        if self.store is None or all(path in kept for path in paths if path in known):
            return
        entries = self._listing_of_source().entries
        files = {}
        for path in paths:
            file_id = self.source.ids.get(path)
            if path in known and file_id is not None and entries[path].kind == FILE:
                files[path] = (file_id, *known[path])
        self.store.put(f"{FILES}/{month}", files)

    def _save_index(self) -> None:
        """The folder's stat index (status -> content id) for the next evaluation."""
        source = self.source
        if self.store is None or not isinstance(source, FolderSource):
            return
        if source.converted and self.store.get(CONVERTED) is not True:
            self.store.put(CONVERTED, True)
        if not source.walked or not source.changed_since(self._index):
            return
        index = source.index()
        for month, paths in self._listing_of_source().groups.items():
            part = {path: index[path] for path in paths if path in index}
            if any(self._index.get(path) != found for path, found in part.items()) or (
                len(part) != sum(1 for path in paths if path in self._index)
            ):
                self.store.put(f"index/{month or OUTSIDE}", part)

    def _clean_flags(self, summaries: Mapping[str, MonthSummary]) -> dict[tuple[str, str], bool]:
        """(department, month) -> clean, of every month (computed once)."""
        if self._clean is None:
            self._clean = {
                (d, m): flag for m, s in summaries.items() for d, flag in s.clean.items()
            }
        return self._clean

    def _streak(self, department: str, month: str) -> int:
        """``results.departments.clean_streak``, each month's from the month before's."""
        if self._streaks is None:
            streaks: dict[tuple[str, str], int] = {}
            for month, summary in self.evaluation().summaries.items():  # ascending
                before = model.add_months(month, -1)
                for name, flag in summary.clean.items():
                    streaks[(name, month)] = streaks.get((name, before), 0) + 1 if flag else 0
            self._streaks = streaks
        return self._streaks.get((department, month), 0)

    def _service_scores(self) -> dict[tuple[str, str], Decimal | None]:
        """(contract, month) -> the month's score before notices (computed once)."""
        if self._scores is None:
            self._scores = {
                (c, m): score
                for m, summary in self.evaluation().summaries.items()
                for c, score in summary.service_scores.items()
            }
        return self._scores

    # ------------------------------------------------------------ figures

    def verdicts(self) -> tuple[ClaimVerdict, ...]:
        self.evaluation()
        assert self._verdicts is not None
        return self._verdicts

    def _notices(self, month: str) -> dict[str, bool]:
        """Contract -> whether its rectification notice is due in ``month``."""
        if month not in self._notices_due:
            evaluation = self.evaluation()
            scores = self._service_scores()
            self._notices_due[month] = {
                key: notice_due(contract, key, month, scores)[0]
                for key, contract in sorted(evaluation.shared.contracts.items())
                if contract.active(month)
            }
        return self._notices_due[month]

    def _basis(self, month: str) -> str | None:
        """What a month's settled figures rest on: its key, its claims' verdicts, its
        departments' streaks and its contracts' notices (None: the month has no key)."""
        if month in self._bases:
            return self._bases[month]
        key = self._keys.get(month)
        if key is None:
            return None
        summary = self.evaluation().summaries[month]
        basis = self._bases[month] = _hash(
            key,
            *(f"{v.ref}:{v.counted}:{v.points}" for v in self._verdicts_of(month)),
            *(f"{d}:{self._streak(d, month)}" for d in sorted(summary.clean)),
            *(f"{c}:{n}" for c, n in sorted(self._notices(month).items())),
        )
        return basis

    def _verdicts_of(self, month: str) -> list[ClaimVerdict]:
        """The verdicts of the claims filed in ``month`` (grouped once)."""
        if self._by_month is None:
            self._by_month = {}
            for verdict in self.verdicts():
                self._by_month.setdefault(verdict.claim_month, []).append(verdict)
        return self._by_month.get(month, [])

    def settled(self, month: str) -> Settled:
        """The month's figures, from the store when their basis has not moved."""
        if month in self._settled:
            return self._settled[month]
        evaluation = self.evaluation()
        org = evaluation.org
        assert org is not None, "figures need org.yaml"
        summary = evaluation.summaries[month]
        verdicts = self._verdicts_of(month)
        clean = self._clean_flags(evaluation.summaries)
        notices = self._notices(month)
        basis = self._basis(month)
        if basis is not None:
            kept = self.store.get_version("figures", month, basis) if self.store else None
            if isinstance(kept, Settled) and kept.basis == basis:
                self._settled[month] = kept
                return kept
        standings = self._standings_of(month)
        grades = org.grades.in_force(month)
        found = settlements(standings.departments, verdicts, grades, clean)
        departments = tuple(settled_row(s.row, found[s.department]) for s in standings.departments)
        services = tuple({**row, "notice": notices[row["contract"]]} for row in standings.services)
        table = tuple((grade.id, grade.name) for grade in grades)
        rows = MonthRows(month, summary.status, table, rows=(departments, services))
        seal_departments, seal_services = readable_figures(rows)
        settled = Settled(
            basis=basis or "",
            status=summary.status,
            grades=table,
            text=rows.text,
            year_departments=tuple(
                (r["department"], r["complete"], _text(r["total"])) for r in departments
            ),
            year_services=tuple(
                (
                    r["contract"],
                    r["name"],
                    r["complete"],
                    _text(r["score"]),
                    _text(r["payable"]),
                    _text(r["withheld"]),
                )
                for r in services
            ),
            seal_digest=figures_hash(rows),
            seal_departments=seal_departments,
            seal_services=seal_services,
        )
        if basis is not None and self.store is not None:
            self.store.put_version("figures", month, basis, settled)
        self._settled[month] = settled
        return settled

    def seal_digest(self, month: str) -> str:
        """The fingerprint of the month's figures (what its seal hashes): kept for every
        month in one store entry, by basis, so checking seals reads no month's figures."""
        if self._digests is None:
            kept = self.store.get(DIGESTS) if self.store is not None else None
            self._digests = dict(kept) if isinstance(kept, dict) else {}
            self._kept_digests = dict(self._digests)
        basis = self._basis(month)
        found = self._digests.get(month)
        if month in self._settled:
            digest = self._settled[month].seal_digest
        elif basis is not None and found is not None and found[0] == basis:
            return found[1]
        else:
            digest = self.settled(month).seal_digest
        if basis is not None:
            self._digests[month] = (basis, digest)
        return digest

    def keep_digests(self) -> None:
        """Store the months' fingerprints when one moved since they were read."""
        if self.store is not None and self._digests is not None:
            if self._digests != self._kept_digests:
                self.store.put(DIGESTS, self._digests)
                self._kept_digests = dict(self._digests)

    def _standings_of(self, month: str) -> Standings:
        if month in self._standings:
            return self._standings[month]
        key = self._keys.get(month)
        if key is not None and self.store is not None:
            kept = self.store.get_version("standings", month, key)
            if isinstance(kept, Standings) and kept.key == key:
                self._standings[month] = kept
                return kept
        self._read_for_operands({month})
        return self._standings[month]

    def _read_for_operands(self, months: Iterable[str]) -> None:
        """Read and assess months whose summaries came from the store (no rule runs again);
        a long-lived process keeps them in its ``Memory`` as ``_read_months`` does."""
        wanted = {m for m in months if m not in self._parsed or m not in self._standings}
        if not wanted:
            return
        evaluation = self.evaluation()
        unread = {m for m in wanted if m not in self._parsed}
        if unread:
            listing = self._listing_of_source()
            paths = {path for month in unread for path in listing.groups.get(month, ())}
            loaded = read_records(self.source, select=paths.__contains__, listing=listing)
            self._parsed.update(loaded.records.months)
        for month in sorted(wanted):
            found = self._parsed.get(month)
            if found is None:
                self._standings[month] = Standings(self._keys.get(month) or "", (), ())
                continue
            key = self._keys.get(month) or ""
            standings, assessed, _ = assess(key, evaluation.shared, month, found)
            self._standings[month] = standings
            self._assessed[month] = assessed
            if key and self.memory is not None:
                summary = evaluation.summaries[month]
                self.memory.months[month] = Kept(summary, standings, found, assessed)

    def figures(self) -> Figures:
        """Every month's and year's figures (the records must have no errors)."""
        if self._figures is None:
            evaluation = self.evaluation()
            org = evaluation.org
            assert org is not None
            settled = [(m, self.settled(m)) for m in evaluation.months]
            years = tuple(year_rows(year) for year in self.years())
            self._figures = Figures(
                org.unit, org.language, tuple(s.rows(m) for m, s in settled), years
            )
        return self._figures

    def years(self) -> tuple[YearResult, ...]:
        """Every calendar year with its operands (each department's counted months),
        from the months' figures (the records must have no errors)."""
        if self._years is None:
            evaluation = self.evaluation()
            assert evaluation.org is not None
            inputs = [year_input(m, self.settled(m)) for m in evaluation.months]
            self._years = score_years(evaluation.org, inputs)
        return self._years

    def month_figures(self, month: str) -> MonthRows:
        return self.settled(month).rows(month)

    # ------------------------------------------------------------ every operand

    def month_records(self, month: str) -> model.MonthRecords:
        """The month folder as parsed (read now if its summary came from the store)."""
        self._read_for_operands([month])
        return self._parsed[month]

    def month_result(self, month: str) -> MonthResult:
        """One month's figures with every operand (``explain``, a seal's page)."""
        evaluation = self.evaluation()
        org = evaluation.org
        assert org is not None
        self._read_for_operands([month])
        found = self._parsed[month]
        clean = self._clean_flags(evaluation.summaries)
        scores = self._service_scores()
        services = tuple(
            with_notice(service_month(found, key, contract), scores)
            for key, contract in sorted(evaluation.shared.contracts.items())
            if contract.active(month)
        )
        verdicts = self._verdicts_of(month)
        return month_result(org, found, self._assessed[month], verdicts, services, clean)

    def records(self) -> model.Records:
        """Every file parsed (the months the evaluation did not read are read now)."""
        if self._records is None:
            evaluation = self.evaluation()
            self._read_for_operands(evaluation.months)
            self._records = replace(
                evaluation.shared,
                months={m: self._parsed[m] for m in evaluation.months if m in self._parsed},
            )
        return self._records

    def results(self) -> Results:
        """``results.score`` of every month, with every operand: a month whose basis has
        not moved since this process last scored it (``Memory``) is not scored again."""
        if self._results is None:
            evaluation = self.evaluation()
            org = evaluation.org
            records = self.records()
            if org is None:
                self._results = score(records)
                return self._results
            kept = self.memory.results if self.memory is not None else {}
            months = []
            for month in records.months:
                basis = self._basis(month)
                found = kept.get(month)
                if basis is None or found is None or found[0] != basis:
                    found = (basis or "", self.month_result(month))
                    if basis is not None and self.memory is not None:
                        self.memory.results[month] = found
                months.append(found[1])
            summaries = evaluation.summaries
            complete = {
                (d, m): flag for m, s in summaries.items() for d, flag in s.complete.items()
            }
            clean = self._clean_flags(summaries)
            verdicts = self.verdicts()
            self._results = Results(
                unit=org.unit,
                language=org.language,
                months=tuple(months),
                years=score_years(
                    org, [year_input(m.month, self.settled(m.month)) for m in months]
                ),
                claims=verdicts,
                streaks=department_streaks(records, clean, complete, verdicts),
            )
        return self._results


OUTSIDE = "records"  # the index part of the files outside month folders
FILES = "files"  # the parsed files of each month not closed, by content id
TREES = "trees"  # the evaluations of commits' records trees, by tree id (``KeptTree``)
KEPT_TREES = 4  # the newest ones kept: a pull request's base, main, a branch or two
DIGESTS = "digests"  # every month's figures' fingerprint, by basis (``seal_digest``)
STALE = 1024  # more files git does not vouch for than this (and an eighth): walked
CONVERTED = "converted"  # the entry kept once git was seen converting the folder's bytes


def _load_index(store: Store) -> dict[str, tuple[Status, str]]:
    """The folder's stat index, kept in one entry per month folder (``index/YYYY-MM``)."""
    index: dict[str, tuple[Status, str]] = {}
    for name in store.versions("index", ""):
        part = store.get(f"index/{name}")
        if isinstance(part, dict):
            index.update(part)
    return index


class _Missing:
    id = None
    kind = None


_NO: Any = _Missing()


class SubjectItems(Mapping[str, frozenset[str]]):
    """Subject path -> the ids ``#item`` may name, from the summaries, split when asked."""

    def __init__(self, summaries: Mapping[str, MonthSummary]) -> None:
        self._summaries = summaries

    def _summary(self, path: str) -> MonthSummary | None:
        month = month_folder(path)
        return self._summaries.get(month) if month else None

    def __getitem__(self, path: str) -> frozenset[str]:
        summary = self._summary(path)
        ids = summary.subject_ids(path) if summary else None
        if ids is None:
            raise KeyError(path)
        return ids

    def __iter__(self) -> Iterator[str]:
        for summary in self._summaries.values():
            yield from summary.items

    def __len__(self) -> int:
        return sum(len(summary.items) for summary in self._summaries.values())


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def seal_check(engine: Engine, evaluation: Evaluation) -> list[Problem]:
    """Stored seals against the figures of today: moved figures, broken chains, bad hashes
    (a month's settled figures are taken only when its fingerprint moved, to say how)."""
    problems: list[Problem] = []
    for month, summary in evaluation.summaries.items():
        stored = summary.seal
        if stored is None or not summary.exists:
            continue
        digest = engine.seal_digest(month)
        before = evaluation.summaries.get(model.add_months(month, -1))
        previous = before.seal.seal if before and before.seal else None
        fresh = MonthSeal(month, previous, "", digest, "", {}, {}, "")
        if stored.figures != digest:
            settled = engine.settled(month)
            fresh = replace(
                fresh, departments=settled.seal_departments, services=settled.seal_services
            )
        problems += seal_problems(month, stored, fresh)
    engine.keep_digests()
    return problems


__all__ = [
    "Engine",
    "Evaluation",
    "Memory",
    "Settled",
    "sealed_figures",
]
