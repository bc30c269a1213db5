"""What ``mkdocs serve`` keeps between rebuilds, so an edited record shows in seconds.

MkDocs reloads its configuration and makes new plugins for every rebuild, so what a
rebuild starts from lives here, keyed by the records folder, and is trusted only as
far as the inputs match:

- the records: every file's status (size, mtime, inode, ctime) as listed before the
  last reading; a month folder with a file added, removed or changed (a status that
  moved, or a file changed within two seconds of that listing whose bytes differ) is
  read again and put in place of the last reading's, its departments assessed again,
  and everything scored again from the kept assessments (``scoring.results.score``);
  a change outside the month folders reads everything. Validation problems come from
  the validation cache (``scoring.cache``), which gives those of a full validation;
- the history, while git's HEAD has not moved;
- each published evidence file's hash, while its status has not moved;
- each generated page: what it was built from (``page.Build.fresh``), its Markdown file
  and HTML (in a folder kept for the server's life, rewritten only when they changed, so
  ``mkdocs serve --dirty`` rebuilds only the pages that changed), its table of contents
  and search entries; and the search index entries Material made of every page.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scoring import cache
from scoring.cache import Status, file_sha256, signature
from scoring.formats import month_folder
from scoring.history import read_history
from scoring.records import read_records
from scoring.results import Assessed, assess_all, score
from scoring.results.departments import assess_month
from scoring.site import photos
from scoring.site.data import SiteData, load_site, refuse_errors, site_data
from scoring.site.page import TocEntry
from scoring.validation import Validation

RACY_NS = cache.RACY_NS  # a file changed this close to the listing is compared by content
month_of = month_folder


@dataclass(frozen=True)
class Listing:
    """The records folder as listed before a reading: its files and their status."""

    started: int  # time.time_ns() before listing
    files: list[str]
    linked: list[str]
    statuses: dict[str, Status | None]


def list_records(root: Path) -> Listing:
    started = time.time_ns()
    files, linked, found = cache.listing(root)  # the reader's own walk, with each lstat
    statuses: dict[str, Status | None] = {
        path: None if s is None else signature(s) for path, s in found.items()
    }
    return Listing(started, files, linked, statuses)


def changed_paths(
    root: Path, before: Listing, after: Listing, digests: dict[str, str]
) -> set[str] | None:
    """The files added, removed or changed since ``before``; None when linked folders moved."""
    if before.linked != after.linked:
        return None
    trusted = before.started - RACY_NS
    changed = set(before.statuses) - set(after.statuses)
    for path, status in after.statuses.items():
        known = before.statuses.get(path, None)
        if status is None or known is None or status != known:
            changed.add(path)
        elif status[1] >= trusted or status[3] >= trusted:  # racy: maybe changed unseen
            digest = digests.get(path)
            if digest is None or file_sha256(root / path) != digest:
                changed.add(path)
    return changed


def _head(root: Path) -> tuple[str, ...] | None:
    """HEAD's commit and whether the clone is shallow; None outside a repository."""
    found = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    return tuple(found.stdout.split()) if found.returncode == 0 else None


@dataclass
class Loaded:
    """The last reading of a records folder, and what it was read from."""

    listing: Listing
    data: SiteData
    assessed: Assessed
    head: tuple[str, ...] | None


_LOADED: dict[Path, Loaded] = {}


def load(root: Path) -> SiteData:
    """``data.load_site(root)``, reading only the month folders changed since last time."""
    listing = list_records(root)
    head = _head(root)
    before = _LOADED.pop(root, None)  # put back only when this reading succeeds or fails early
    changed = (
        changed_paths(root, before.listing, listing, before.data.records.digests)
        if before is not None
        else None
    )
    if before is None or changed is None or any(month_of(p) is None for p in changed):
        data = load_site(root)
        _LOADED[root] = Loaded(listing, data, assess_all(data.records), head)
        _warm_validation_cache(root)
        return data
    try:
        months = {m for p in changed if (m := month_of(p))}
        validation, assessed = _reload(root, before, listing, months)
    except Exception:
        _LOADED[root] = before  # the records as last read still stand; this reading failed
        raise
    history = before.data.history if head == before.head else read_history(root)
    results = validation.scored()
    data = site_data(root, validation, results, history)
    _LOADED[root] = Loaded(listing, data, assessed, head)
    return data


def _reload(
    root: Path, before: Loaded, listing: Listing, months: set[str]
) -> tuple[Validation, Assessed]:
    """The last reading with ``months`` read again (nothing else changed)."""
    if not months:
        return before.data.validation, before.assessed
    previous = before.data.records
    fresh = read_records(
        root,
        select=lambda path: month_of(path) in months,
        listing=(listing.files, listing.linked),
    ).records
    kept = {m: found for m, found in previous.months.items() if m not in months}
    records = replace(
        previous,
        months=dict(sorted({**kept, **fresh.months}.items())),
        present=fresh.present,
        damaged={p for p in previous.damaged if month_of(p) not in months} | fresh.damaged,
        digests={p: d for p, d in previous.digests.items() if month_of(p) not in months}
        | fresh.digests,
    )
    problems = cache.validate(root).problems  # a full validation's problems, from the cache
    validation = Validation(root, records, problems)
    refuse_errors(validation)
    assessed = {
        month: before.assessed[month] if month not in months else assess_month(records, found)
        for month, found in records.months.items()
    }
    validation.results = score(records, assessed)
    return validation, assessed


def _warm_validation_cache(root: Path) -> None:
    """Fill the validation cache beside the records in the background (another core), so
    the first rebuild validates only what changed."""
    code = (
        "import sys, pathlib; from scoring import cache; cache.validate(pathlib.Path(sys.argv[1]))"
    )
    try:
        subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", code, str(root)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # without it the first rebuild fills the cache itself
        pass


# ------------------------------------------------------------------ evidence


_EVIDENCE: dict[Path, dict[str, tuple[Status, str]]] = {}


def evidence_digest(root: Path, path: str) -> str:
    """``photos.sha256_file`` of a published evidence file, kept while its status holds."""
    listing = _LOADED[root].listing if root in _LOADED else None
    status = listing.statuses.get(path) if listing is not None else None
    known = _EVIDENCE.setdefault(root, {}).get(path)
    racy = status is None or listing is None or status[1] >= listing.started - RACY_NS
    if known is not None and status is not None and known[0] == status and not racy:
        return known[1]
    digest = photos.sha256_file(root / path)
    if status is not None:
        _EVIDENCE[root][path] = (status, digest)
    return digest


# ------------------------------------------------------------------ pages


@dataclass
class Rendered:
    """A generated page as the last build made it."""

    inputs: object  # what it was built from (page.Build.fresh); None: always built again
    markdown: str  # the Markdown file's text
    html: str  # SHA-256 of its HTML
    toc: list[TocEntry]
    search: list[dict[str, Any]]  # its entries in the search index (page.SearchEntry)
    in_nav: bool


@dataclass
class Site:
    """What the last build under ``mkdocs serve`` made of one records folder."""

    folder: Path
    key: tuple[object, ...] = ()  # what every page rests on (``reusable``)
    pages: dict[str, Rendered] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # other generated file -> SHA-256
    outputs: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # digest -> bytes
    searched: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page URL -> entries
    fingerprint: str = ""  # of the configuration and hand-written pages (dirty builds)
    complete: bool = False  # the last build ended well: its output can be built upon


_SITES: dict[Path, Site] = {}


def site(root: Path) -> Site:
    """The kept state of ``root``'s site (a new one, with its folder, the first time)."""
    if root not in _SITES:
        folder = Path(tempfile.mkdtemp(prefix="kaoping-serve-"))
        atexit.register(shutil.rmtree, folder, True)
        _SITES[root] = Site(folder)
    return _SITES[root]


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds it (its mtime then stays)."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return True


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
