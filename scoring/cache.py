"""The validation cache (DESIGN.md §10): validate one changed month without the archive.

``validate(root)`` gives the same problems as ``scoring.validation.validate`` (a test
runs both over the same trees) but parses only the month folders whose files changed
since the last run, plus the files outside month folders. It keeps, in
``.cache/kaoping/validate.pickle`` beside ``records/`` (ignored by git):

- an index of every file: path -> (size, mtime, inode, ctime, SHA-256 of its bytes), so
  an unchanged file is not read again (a file changed within two seconds of the
  index's writing is hashed again, as git does with its index);
- per month folder, keyed by SHA-256 over kaoping's own source, the shared files
  (org, indicators, bonus rules, routine targets, contracts) and the month's files:
  what the month's own rules found (``checks.MONTH_RULES`` and the reading), and the
  small summary of the month that rules across months need: its month.yaml and
  seal.yaml, its claims, each department's clean flag, the contracts' scores before
  notices, the ids appeals may name, and its sealed figures with what they rest on.

What crosses months (``checks.SHARED_RULES`` and ``checks.CROSS_RULES``: claim
validity and error-free streaks, appeals, versions, the seal chain and figures) is
recomputed on every run from those summaries. A sealed month's figures are recomputed
from its files whenever the month, its claims' verdicts or its contracts' notice
windows changed. A month folder holding a symbolic link or an unreadable file is never
cached. The file is signed with a key kept in the user's cache folder, so a cache
committed into the repository by someone else is never loaded (it is a pickle); it is
opened only as a regular file, never through a link, and only up to ``MAX_CACHE_BYTES``
(``scoring/cachefiles.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from scoring import model
from scoring.cachefiles import opened_folder, read_regular, signing_key, write_replacing
from scoring.checks import CROSS_RULES, MONTH_RULES, SHARED_RULES, run_rules
from scoring.checks.appeals import subject_items
from scoring.checks.context import Context
from scoring.formats import month_folder
from scoring.loading import paused_collector
from scoring.problems import ERROR, Problem, sorted_problems
from scoring.records import Parsed, printable, read_records
from scoring.results import ClaimVerdict, month_result
from scoring.results.departments import assess_month
from scoring.results.services import service_month, with_notice
from scoring.schema import INVALID
from scoring.sealing import MonthSeal, figures_hash, readable_figures, seal_problems
from scoring.tracking import problems as tracking_problems
from scoring.validation import Validation
from scoring.validation import validate as full_validate

FORMAT = b"kaoping-validate-cache 1\n"
CACHE_FILE = "validate.pickle"
RACY_NS = 2_000_000_000  # a file changed this close to the index's writing is hashed again
MAX_HASHED_BYTES = 64 * 1024 * 1024  # a bigger file makes its month uncacheable
MAX_CACHE_BYTES = 512 * 1024 * 1024  # a bigger cache file is not read (nor written)
_SHARED = re.compile(r"^(?:org\.yaml|indicators\.yaml|bonus-rules\.yaml|routine/.*|services/.*)$")

Status = tuple[int, int, int, int]  # size, mtime, inode, ctime (nanoseconds)
Index = dict[str, tuple[int, int, int, int, str]]  # path -> Status and the file's digest


@dataclass(frozen=True)
class Settled:
    """A sealed month's fresh figures and what they rest on beyond the month's own files."""

    basis: str
    digest: str  # sealing.figures_hash
    departments: dict[str, Any]  # the readable copy (sealing.readable_figures)
    services: dict[str, Any]


@dataclass
class MonthSummary:
    """What a month folder contributes to validation, computed from its files once."""

    key: str
    exists: bool  # whether any of its files is a record (the month is in records.months)
    problems: list[Problem]  # of reading its files and of the month rules
    info: model.MonthInfo | None = None
    seal: model.Seal | None = None
    bonuses: dict[str, model.ClaimSheet] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)  # subject path -> ids joined by NUL
    clean: dict[str, bool] = field(default_factory=dict)  # department -> clean
    service_scores: dict[str, Decimal | None] = field(default_factory=dict)  # before notices
    figures: Settled | None = None  # when sealed, once the seal check has run


@dataclass
class Store:
    """The cache file's content; summaries and parsed files stay pickled until needed."""

    code: str = ""
    written: int = 0  # time.time_ns() when written
    index: Index = field(default_factory=dict)
    months: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # month -> key, summary
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # outside months: path ->
    # digest, (value or None when unreadable, problems)


def _code_digest() -> str:
    """kaoping's own source and the interpreter: a new version never reads an old cache."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load(root: Path, key: bytes | None, code: str) -> Store:
    """The signed cache, read only as a regular file within ``MAX_CACHE_BYTES``."""
    if key is None:
        return Store(code)
    with opened_folder(root) as folder:
        data = None if folder is None else read_regular(folder, CACHE_FILE, MAX_CACHE_BYTES)
    if data is None:
        return Store(code)
    head, mac, body = (
        data[: len(FORMAT)],
        data[len(FORMAT) : len(FORMAT) + 32],
        data[len(FORMAT) + 32 :],
    )
    if head != FORMAT or not hmac.compare_digest(mac, hmac.digest(key, body, "sha256")):
        return Store(code)
    try:
        store = _unpickled(body)
    except Exception:  # noqa: BLE001 - a damaged cache is no cache
        return Store(code)
    if not isinstance(store, Store):
        return Store(code)
    if store.code != code:  # another kaoping: the digests stay good, nothing parsed does
        return Store(code, store.written, store.index)
    return store


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> Any:
    return pickle.loads(data)  # noqa: S301 - from a cache file signed with the user's key


def _save(root: Path, key: bytes | None, store: Store) -> None:
    if key is None:
        return
    body = _pickled(store)
    data = FORMAT + hmac.digest(key, body, "sha256") + body
    if len(data) > MAX_CACHE_BYTES:  # it would not be read back
        return
    with opened_folder(root, create=True) as folder:
        if folder is not None:  # else a read-only checkout: validated all the same
            write_replacing(folder, CACHE_FILE, data, mode=0o600)


def signature(status: os.stat_result) -> Status:
    """What says a file is unchanged, short of reading it: size, mtime, inode, ctime."""
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a file's bytes; None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _digest(full: str, status: os.stat_result) -> str | None:
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_HASHED_BYTES:
        return None
    return file_sha256(full)


def listing(root: Path) -> tuple[list[str], list[str], dict[str, os.stat_result | None]]:
    """``records._walk(root)`` (same files, same order) with each file's ``lstat``."""
    files: list[str] = []
    linked: list[str] = []
    statuses: dict[str, os.stat_result | None] = {}
    folders = [(str(root), "")]
    while folders:
        directory, prefix = folders.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:  # os.walk skips a folder it cannot list
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    linked.append(prefix + entry.name)
                else:
                    folders.append((entry.path, prefix + entry.name + "/"))
            elif not entry.name.startswith("."):
                path = prefix + entry.name
                files.append(path)
                try:
                    statuses[path] = entry.stat(follow_symlinks=False)
                except OSError:
                    statuses[path] = None
    return sorted(files), sorted(linked), statuses


def _scan(
    root: Path,
    files: Iterable[str],
    statuses: dict[str, os.stat_result | None],
    store: Store,
    defer: set[str],
) -> tuple[Index, dict[str, str | None], list[str]]:
    """Every file's digest, from the index when its status is unchanged and not racy.

    Files of the months in ``defer`` (read whatever their digests) that the index does
    not vouch for are left out and returned: the reader hashes them as it reads them.
    """
    trusted_before = store.written - RACY_NS
    index: Index = {}
    digests: dict[str, str | None] = {}
    deferred: list[str] = []
    for path in files:
        status = statuses[path]
        if status is None:
            digests[path] = None
            continue
        known = store.index.get(path)
        if (
            known is not None
            and known[:4] == signature(status)
            and status.st_mtime_ns < trusted_before
            and status.st_ctime_ns < trusted_before
        ):
            digests[path] = known[4]
            index[path] = known
        elif defer and month_folder(path) in defer:
            deferred.append(path)
        else:
            _note(root, path, status, None, index, digests)
    return index, digests, deferred


def _note(
    root: Path,
    path: str,
    status: os.stat_result,
    digest: str | None,
    index: Index,
    digests: dict[str, str | None],
) -> None:
    """Record a file's digest (hashed now when not given)."""
    if digest is None:
        digest = _digest(os.path.join(root, path), status)
    digests[path] = digest
    if digest is not None:
        index[path] = (*signature(status), digest)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _keys(
    code: str, files: list[str], linked: list[str], digests: dict[str, str | None]
) -> dict[str, str | None]:
    """Month -> its cache key, None for a month that must be read every time."""
    groups: dict[str, list[str]] = {}
    shared = [code]
    shared_ok = True
    for path in files:
        month = month_folder(path)
        if month is not None:
            groups.setdefault(month, []).append(path)
        elif _SHARED.match(path):
            digest = digests.get(path)
            shared_ok = shared_ok and digest is not None and printable(path) == path
            shared.append(f"{path}\0{digest}")
    shared_key = _hash(*shared)
    unsafe = {month_folder(path) for path in linked}
    keys: dict[str, str | None] = {}
    for month, paths in groups.items():
        parts = [f"{path}\0{digests.get(path)}" for path in paths]
        cacheable = (
            shared_ok
            and month not in unsafe
            and all(digests.get(path) is not None and printable(path) == path for path in paths)
        )
        keys[month] = _hash(shared_key, month, *parts) if cacheable else None
    for month in unsafe:
        if month is not None:
            keys[month] = None
    return keys


def _summarise(
    key: str,
    records: model.Records,
    month: str,
    read_problems: list[Problem],
    root: Path,
    names: tuple[str, ...],
) -> MonthSummary:
    """Run the month rules over one parsed month and keep what crosses months."""
    found = records.months.get(month)
    if found is None:
        return MonthSummary(key, False, read_problems)
    only = replace(records, months={month: found})
    problems = read_problems + run_rules(MONTH_RULES, Context(only, root, month_names=names))
    departments = assess_month(only, found)
    return MonthSummary(
        key=key,
        exists=True,
        problems=problems,
        info=found.info,
        seal=found.seal,
        bonuses=dict(found.bonuses),
        items={path: "\0".join(sorted(ids)) for path, ids in subject_items(found).items()},
        clean={d.department: d.clean for d in departments},
        service_scores={
            contract_id: service_month(found, contract_id, contract).score
            for contract_id, contract in sorted(records.contracts.items())
            if contract.active(month)
        },
    )


def validate(root: Path) -> Validation:
    """``scoring.validation.validate``'s problems, reading only what changed since last time."""
    return run(root)[0]


def run(root: Path) -> tuple[Validation, list[str]]:
    """The validation and the month folders read for it (the others came from the cache)."""
    if not root.is_dir():
        return full_validate(root), []
    with paused_collector():
        return _run(root)


def _run(root: Path) -> tuple[Validation, list[str]]:
    code = _code_digest()
    key = signing_key()
    store = _load(root, key, code)
    files, linked, statuses = listing(root)
    fresh = {m for m in map(month_folder, files) if m is not None and m not in store.months}
    index, digests, deferred = _scan(root, files, statuses, store, fresh)
    keys = _keys(code, files, linked, digests)
    changed = fresh | {
        month
        for month, month_key in keys.items()
        if month_key is None or month not in store.months or store.months[month][0] != month_key
    }
    known: Parsed = {}
    for path, (digest, data) in store.files.items():
        if digests.get(path) == digest and path in digests:
            value, file_problems = _unpickled(data)
            known[path] = (INVALID if value is None else value, file_problems)

    def wanted(path: str) -> bool:
        month = month_folder(path)
        return month is None or month in changed

    loaded = read_records(root, select=wanted, listing=(files, linked), known=known)
    records = loaded.records
    if deferred:  # the months read in full: their digests as read, then their keys
        for path in deferred:
            status = statuses[path]
            assert status is not None
            _note(root, path, status, records.digests.get(path), index, digests)
        keys = _keys(code, files, linked, digests)
    summaries: dict[str, MonthSummary] = {
        m: _unpickled(store.months[m][1]) for m in keys if m not in changed
    }
    names = tuple(sorted({m for m, s in summaries.items() if s.exists} | set(records.months)))
    by_month: dict[str, list[Problem]] = {m: [] for m in changed}
    problems: list[Problem] = []
    for problem in loaded.problems:
        month = month_folder(problem.path)
        (by_month[month] if month in by_month else problems).append(problem)
    for month in sorted(changed):
        summary_key = keys[month] or ""
        summaries[month] = _summarise(summary_key, records, month, by_month[month], root, names)
    summaries = dict(sorted(summaries.items()))

    skeleton = replace(
        records,
        months={
            month: model.MonthRecords(month, info=s.info, bonuses=s.bonuses, seal=s.seal)
            for month, s in summaries.items()
            if s.exists
        },
    )
    clean = {(d, m): flag for m, s in summaries.items() for d, flag in s.clean.items()}
    items = _Items({path: ids for s in summaries.values() for path, ids in s.items.items()})
    context = Context(skeleton, root, month_names=names, clean=clean, items=items)
    problems += run_rules(SHARED_RULES + CROSS_RULES, context)
    for summary in summaries.values():
        problems += summary.problems
    read_for_seals: set[str] = set()
    settled: set[str] = set()
    if skeleton.org and not any(p.severity == ERROR for p in problems):
        read_for_seals, settled = _seal_problems(
            root, records, skeleton, summaries, keys, clean, context.claim_verdicts(), problems
        )
    problems += tracking_problems(root, skeleton.present)
    validation = Validation(root, skeleton, sorted_problems(problems), partial=True)
    months = {
        m: (month_key, store.months[m][1] if m not in changed | settled else _pickled(summaries[m]))
        for m, month_key in keys.items()
        if month_key is not None
    }
    parsed: dict[str, tuple[str, bytes]] = {}
    for path, (value, file_problems) in known.items():
        file_digest = digests.get(path)
        if file_digest is None or printable(path) != path:
            continue
        before = store.files.get(path)
        if before is not None and before[0] == file_digest:
            parsed[path] = before
        else:
            kept = (None if value is INVALID else value, file_problems)
            parsed[path] = (file_digest, _pickled(kept))
    _save(root, key, Store(code, time.time_ns(), index, months, parsed))
    return validation, sorted(changed | read_for_seals)


class _Items(Mapping[str, frozenset[str]]):
    """Subject path -> item ids, split from the summaries' joined form when asked."""

    def __init__(self, joined: dict[str, str]) -> None:
        self._joined = joined

    def __getitem__(self, path: str) -> frozenset[str]:
        text = self._joined[path]
        return frozenset(text.split("\0")) if text else frozenset()

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined)

    def __len__(self) -> int:
        return len(self._joined)


def _seal_problems(
    root: Path,
    parsed: model.Records,
    skeleton: model.Records,
    summaries: dict[str, MonthSummary],
    keys: dict[str, str | None],
    clean: dict[tuple[str, str], bool],
    judged: tuple[ClaimVerdict, ...],
    problems: list[Problem],
) -> tuple[set[str], set[str]]:
    """``sealing.check_seals`` from the summaries, into ``problems``; a month's figures are
    recomputed when their basis moved. Returns the months read and the months settled."""
    org = skeleton.org
    assert org is not None
    verdicts: dict[str, list[ClaimVerdict]] = {}
    for verdict in judged:
        verdicts.setdefault(verdict.claim_month, []).append(verdict)
    scores = {(c, m): score for m, s in summaries.items() for c, score in s.service_scores.items()}
    sealed = [m for m, s in summaries.items() if s.exists and s.seal is not None]
    basis = {m: _basis(m, keys, verdicts.get(m, []), skeleton.contracts, scores) for m in sealed}
    stale = [m for m in sealed if getattr(summaries[m].figures, "basis", None) != basis[m]]
    unread = {m for m in stale if m not in parsed.months}
    if stale:
        fresh = (
            read_records(root, select=lambda path: month_folder(path) in unread).records
            if unread
            else parsed
        )
        for month in stale:
            found = parsed.months.get(month) or fresh.months[month]
            only = replace(skeleton, months={month: found})
            services = tuple(
                with_notice(service_month(found, contract_id, contract), scores)
                for contract_id, contract in sorted(skeleton.contracts.items())
                if contract.active(month)
            )
            result = month_result(
                org, found, assess_month(only, found), verdicts.get(month, []), services, clean
            )
            departments, services_figures = readable_figures(result)
            digest = figures_hash(result)
            summaries[month].figures = Settled(basis[month], digest, departments, services_figures)
    for month in sealed:
        stored, settled = summaries[month].seal, summaries[month].figures
        assert stored is not None and settled is not None
        before = skeleton.months.get(model.add_months(month, -1))
        previous = before.seal.seal if before and before.seal else None
        fresh_seal = MonthSeal(
            month, previous, "", settled.digest, "", settled.departments, settled.services, ""
        )
        problems += seal_problems(month, stored, fresh_seal)
    return unread, set(stale)


def _basis(
    month: str,
    keys: dict[str, str | None],
    verdicts: list[ClaimVerdict],
    contracts: dict[str, model.Contract],
    scores: dict[tuple[str, str], Decimal | None],
) -> str:
    """What a sealed month's figures rest on beyond its own files: its claims' verdicts and
    the scores its contracts' notices look back on."""
    parts = [keys.get(month) or "-"]
    parts += [f"{v.ref}:{v.counted}:{v.points}" for v in verdicts]
    for contract_id, contract in sorted(contracts.items()):
        if contract.notice and contract.active(month):
            for offset in range(1 - contract.notice.months, 1):
                earlier = model.add_months(month, offset)
                parts.append(f"{contract_id}:{earlier}:{scores.get((contract_id, earlier))}")
    return _hash(*parts)
