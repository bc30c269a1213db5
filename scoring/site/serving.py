"""What ``mkdocs serve`` keeps between rebuilds, so an edited record shows in seconds.

MkDocs reloads its configuration and makes new plugins for every rebuild, so what a
rebuild starts from lives here, keyed by the records folder, and is trusted only as
far as the inputs match:

- the records: the engine's ``Memory`` (each month folder as last read, trusted while
  its key, the content ids of its files and of the files it rests on, holds); a month
  with a file added, removed or changed is read again, the others are not, and the
  problems and figures come from the same engine as ``kaoping validate`` and ``score``;
- the history, while git's HEAD has not moved;
- the watch over the records folder (``watch``);
- the theme's templates as compiled (``TEMPLATE_CODE``);
- each published evidence file's hash, while its status has not moved;
- the records read in full are moved out of the collector's way (``settle_collector``);
- the views of findings and claims, while their month's records and figures stay;
- each generated page: what it was built from (``page.Build.fresh``), its Markdown file
  and HTML (in a folder kept for the server's life, rewritten only when they changed, so
  ``mkdocs serve --dirty`` rebuilds only the pages that changed), its table of contents
  and search entries; and the search index entries Material made of every page.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.livereload import LiveReloadServer
from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from scoring.engine import Memory
from scoring.history import History, read_history
from scoring.site import photos
from scoring.site.data import SiteData, load_site
from scoring.site.page import TocEntry
from scoring.site.views import Kept
from scoring.sources import RACY_NS, Status, status_of

_MEMORY: dict[Path, Memory] = {}  # per records folder: the months as last read
_HISTORY: dict[Path, tuple[tuple[str, ...] | None, History]] = {}  # kept while HEAD stays


def _head(root: Path) -> tuple[str, ...] | None:
    """HEAD's commit and whether the clone is shallow; None outside a repository."""
    found = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    return tuple(found.stdout.split()) if found.returncode == 0 else None


def load(root: Path) -> SiteData:
    """``data.load_site(root)``, reading only the month folders changed since last time
    (the engine with this process's ``Memory``) and the history only when HEAD moved."""
    memory = _MEMORY.setdefault(root, Memory())
    head = _head(root)
    kept = _HISTORY.get(root)
    history = kept[1] if kept is not None and kept[0] == head else read_history(root)
    _HISTORY[root] = (head, history)
    return load_site(root, memory, history)


def settle_collector() -> None:
    """After a build that read the records in full (the first, or one after a change
    outside the month folders): one full collection, then what is alive is frozen (kept
    out of every later collection).

    The records are millions of objects that live until the next full reading; left in
    the collector's oldest generation, every few rebuilds a full collection walks them
    all (about 3 s at 100 departments × 120 months, in the middle of a rebuild). Frozen,
    they are still freed by reference counting when a month read again replaces them;
    unfreezing first lets the collection find what the last frozen set left in cycles,
    so memory stays flat across full readings too.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


# ------------------------------------------------------------------ evidence


_EVIDENCE: dict[Path, dict[str, tuple[Status, str]]] = {}


def evidence_digest(root: Path, path: str) -> str:
    """``photos.sha256_file`` of a published evidence file, kept while its status holds."""
    known = _EVIDENCE.setdefault(root, {})
    try:
        status = status_of(os.lstat(root / path))
    except OSError:
        status = None
    found = known.get(path)
    racy = status is None or max(status[1], status[3]) >= time.time_ns() - RACY_NS
    if found is not None and status is not None and found[0] == status and not racy:
        return found[1]
    digest = photos.sha256_file(root / path)
    if status is not None:
        known[path] = (status, digest)
    return digest


# ------------------------------------------------------------------ watching


# What changes a record: reading one (opened, closed without writing) never does.
CHANGES: list[type[events.FileSystemEvent]] = [
    events.FileCreatedEvent,
    events.FileDeletedEvent,
    events.FileModifiedEvent,
    events.FileMovedEvent,
    events.FileClosedEvent,
    events.DirCreatedEvent,
    events.DirDeletedEvent,
    events.DirModifiedEvent,
    events.DirMovedEvent,
]
NATIVE = {"InotifyObserver", "FSEventsObserver", "WindowsApiObserver"}  # no file per handle
_OBSERVERS: dict[Path, BaseObserver] = {}


class Relay(events.FileSystemEventHandler):
    """Rewrites ``signal`` whenever a watched file changes."""

    def __init__(self, signal: Path) -> None:
        self.signal = signal

    def on_any_event(self, event: events.FileSystemEvent) -> None:
        try:
            self.signal.write_text(str(time.time_ns()), encoding="utf-8")
        except OSError:  # the server is shutting down
            pass


def watch(root: Path, server: LiveReloadServer) -> None:
    """Have ``server`` rebuild when a file under the records folder ``root`` changes.

    MkDocs watches a folder by polling it: every half second it lists and stats every
    file under it (32,000 at 100 departments × 120 months, about 0.23 s each time, idle
    or in the middle of a rebuild). The operating system's notifications (inotify,
    FSEvents, ReadDirectoryChangesW, through watchdog) cost nothing until a record
    changes; each change then rewrites one file in a folder of its own that MkDocs
    polls. Where they cannot watch ``root`` (another system, no inotify watches left),
    MkDocs polls ``root`` itself.
    """
    folder = site(root).folder / "watched"
    folder.mkdir(exist_ok=True)
    signal = folder / "records-changed"
    signal.write_text("", encoding="utf-8")
    if root not in _OBSERVERS and getattr(Observer, "__name__", "") in NATIVE:
        observer = Observer()
        observer.daemon = True
        try:
            observer.schedule(Relay(signal), str(root), recursive=True, event_filter=CHANGES)
            observer.start()
        except OSError:
            observer.stop()
        else:
            _OBSERVERS[root] = observer
    server.watch(str(folder) if root in _OBSERVERS else str(root))


def unwatch(root: Path) -> None:
    observer = _OBSERVERS.pop(root, None)
    if observer is not None:
        observer.stop()


# ------------------------------------------------------------------ templates


class KeptCode(BytecodeCache):
    """Templates compiled once for the server's life: MkDocs makes a new Jinja
    environment for each rebuild, and compiling the theme's templates again cost a tenth
    of a rebuild. A template whose source changed (the bucket's checksum) or an
    environment that compiles differently is compiled again."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, tuple[object, ...]], tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiling = _compiling(bucket.environment)
        found = self.code.get((bucket.key, compiling)) if compiling is not None else None
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiling = _compiling(bucket.environment)
        if bucket.code is not None and compiling is not None:
            self.code[(bucket.key, compiling)] = (bucket.checksum, bucket.code)


def _compiling(environment: jinja2.Environment) -> tuple[object, ...] | None:
    """What, beside a template's source, its compiled code depends on; None when that
    cannot be told (autoescaping decided by a function, from each template's name)."""
    if not isinstance(environment.autoescape, bool):
        return None
    return (
        environment.autoescape,
        tuple(sorted(environment.extensions)),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
    )


TEMPLATE_CODE = KeptCode()


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
    views: Kept = field(default_factory=dict)  # views made from the same records (``Views``)
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
