"""What git tracks under records/ (DESIGN.md §4): regular record files, nothing else.

Records are regular files that git tracks. Among the paths git's index holds under the
records folder, a symbolic link, a submodule, a dot-file or dot-folder (an empty
``.gitkeep`` aside) and a ``.gitattributes`` are errors: each could make a record read
one way from a checkout and another way from the object database, or reach outside the
records. A tracked path under ``.cache/`` of the repository is an error: caches are
never committed. A file under records/ that git neither tracks nor stages is a warning
(``untracked-file``): the engine leaves it unread, since it lies in no commit, and a
draft must not block an unrelated commit.

``work_tree(root)`` asks git about a records folder in a work tree (None outside one, or
without git): what its index holds, which tracked files git cannot vouch for (changed,
unmerged, or marked assume-unchanged or skip-worktree) and what it neither tracks nor
stages. The engine lists the folder from that answer (``FolderSource.listing``): git has
already compared every tracked file's status with its index, so a file it vouches for
has its index id and is not looked at. ``view_of(root)`` reads git's index alone;
``RULES`` judge it. ``validate`` and ``check-lock`` both run them.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scoring.problems import Pos, Problem, error, warning
from scoring.records import printable
from scoring.revisions import (
    Entry,
    RevisionError,
    algorithm_of,
    blob_id,
    repository_of,
    tracked_entries,
)
from scoring.sources import REGULAR

CODES = frozenset(
    (
        "tracked-cache",
        "tracked-dotfile",
        "tracked-gitattributes",
        "tracked-submodule",
        "tracked-symlink",
        "untracked-file",
    )
)
CACHE = ".cache"
KEEP = ".gitkeep"
ATTRIBUTES = ".gitattributes"


@dataclass(frozen=True)
class GitView:
    """Git's index for a records folder, and the files the reader found in it."""

    tracked: dict[str, Entry]  # path relative to the records folder -> what the index holds
    cache: tuple[str, ...]  # tracked repository paths under .cache/
    present: frozenset[str]  # files the reader found, relative to the records folder


def _split(entries: dict[str, Entry], prefix: str) -> tuple[dict[str, Entry], tuple[str, ...]]:
    inside = prefix + "/" if prefix else ""
    tracked = {p[len(inside) :]: e for p, e in entries.items() if p.startswith(inside)}
    cache = tuple(sorted(p for p in entries if p.startswith(CACHE + "/")))
    return tracked, cache


@dataclass(frozen=True)
class WorkTree:
    """What git says of a records folder in its work tree (paths relative to the folder)
    and, when asked, of paths outside it (``outside``: repository paths)."""

    tracked: dict[str, Entry]  # what the index holds (stage 0, or the last of a conflict)
    cache: tuple[str, ...]  # tracked repository paths under .cache/
    unsure: frozenset[str]  # tracked paths whose working file git does not vouch for
    untracked: tuple[str, ...]  # paths git neither tracks nor stages, dot paths left out
    outside: dict[str, Entry] = field(default_factory=dict)  # tracked, under the paths asked
    outside_unsure: frozenset[str] = frozenset()
    outside_untracked: tuple[str, ...] = ()  # neither tracked nor ignored

    def view(self, present: Iterable[str]) -> GitView:
        return GitView(self.tracked, self.cache, frozenset(present))

    def vouched(self, path: str) -> Entry | None:
        """What the index holds of the repository path ``path`` outside the records folder
        when git vouches that the working file holds it too."""
        entry = self.outside.get(path)
        if entry is None or entry.mode not in REGULAR or path in self.outside_unsure:
            return None
        return entry


def _started(top: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["git", "--literal-pathspecs", "-C", str(top), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _output(process: subprocess.Popen[bytes] | None) -> str | None:
    if process is None:
        return ""
    out, _ = process.communicate()
    return out.decode("utf-8", "surrogateescape") if process.returncode == 0 else None


# ``git ls-files -s -v -z``: tag (H: cached; h: assume-unchanged; S: skip-worktree; M:
# unmerged), mode, object id, stage, path
_INDEX_LINE = re.compile(r"(.) ([0-7]+) ([0-9a-f]+) ([0-3])\t([^\0]*)\0")


def work_tree(root: Path, outside: tuple[str, ...] = ()) -> WorkTree | None:
    """Git's word on ``root`` when it lies in a git work tree (None otherwise), and on the
    repository paths ``outside``: git commands run at once (``ls-files -s -v``,
    ``diff-files``, ``ls-files -o``)."""
    try:
        top, prefix = repository_of(root)
        where = prefix or "."
        commands = (
            _started(
                top, "ls-files", "-s", "-v", "-z", "--full-name", "--", where, CACHE, *outside
            ),
            _started(top, "diff-files", "--name-only", "-z", "--", where, *outside),
            _started(top, "ls-files", "-o", "-z", "--full-name", "--exclude=.*", "--", where),
            _started(
                top, "ls-files", "-o", "-z", "--full-name", "--exclude-standard", "--", *outside
            )
            if outside
            else None,
        )
    except (RevisionError, OSError):
        return None
    index, changed, others, beyond = (_output(command) for command in commands)
    if index is None or changed is None or others is None or beyond is None:
        return None
    inside = prefix + "/" if prefix else ""
    cut = len(inside)
    tracked: dict[str, Entry] = {}
    cache: list[str] = []
    away: dict[str, Entry] = {}
    unsure: set[str] = set()
    away_unsure: set[str] = set()
    names, folders = set(outside), tuple(name + "/" for name in outside)
    for path in changed.split("\0"):
        if path and path.startswith(inside):
            unsure.add(path[cut:])
        if path in names or (folders and path.startswith(folders)):
            away_unsure.add(path)
    for tag, mode, oid, stage, path in _INDEX_LINE.findall(index):
        if path.startswith(CACHE + "/"):
            cache.append(path)
        doubtful = tag != "H" or stage != "0"  # assume-unchanged, skip-worktree, unmerged
        if path in names or (folders and path.startswith(folders)):
            away[path] = Entry(mode, oid)
            if doubtful:
                away_unsure.add(path)
        if path.startswith(inside):
            path = path[cut:]
            tracked[path] = Entry(mode, oid)
            if doubtful:
                unsure.add(path)
    untracked = tuple(
        path[cut:] for path in others.split("\0") if path.startswith(inside) and path != inside
    )
    return WorkTree(
        tracked,
        tuple(sorted(cache)),
        frozenset(unsure),
        untracked,
        away,
        frozenset(away_unsure),
        tuple(sorted(path for path in beyond.split("\0") if path)),
    )


def view_of(root: Path, present: Iterable[str]) -> GitView | None:
    """Git's view of ``root`` when it lies in a git work tree; None otherwise."""
    try:
        top, prefix = repository_of(root)
        entries = tracked_entries(top, (prefix or ".", CACHE))
    except RevisionError:
        return None
    tracked, cache = _split(entries, prefix)
    return GitView(tracked, cache, frozenset(present))


def refusal(path: str, entry: Entry) -> str | None:
    """Why git may not track ``path`` under records/ (a problem code), or None."""
    if entry.mode in REGULAR and "/." not in "/" + path:  # nearly every path: a plain file
        return None
    parts = path.split("/")
    if parts[-1] == ATTRIBUTES:
        return "tracked-gitattributes"
    if entry.kind == "submodule":
        return "tracked-submodule"
    if entry.kind == "link":
        return "tracked-symlink"
    if any(part.startswith(".") for part in parts):
        empty_keep = (
            parts[-1] == KEEP
            and not any(part.startswith(".") for part in parts[:-1])
            and entry.oid == blob_id(b"", algorithm_of(entry.oid))
        )
        return None if empty_keep else "tracked-dotfile"
    return None


def tracked_paths(view: GitView) -> Iterator[Problem]:
    """Git tracks only regular files under records/: no link, submodule, dot-file or
    .gitattributes (an empty .gitkeep is allowed)."""
    for path, entry in sorted(view.tracked.items()):
        code = refusal(path, entry)
        if code:
            yield error(Pos(printable(path)), code)


def tracked_cache(view: GitView) -> Iterator[Problem]:
    """Nothing under .cache/ of the repository is tracked."""
    for path in view.cache:
        yield error(Pos("."), "tracked-cache", path=printable(path))


def untracked_files(view: GitView) -> Iterator[Problem]:
    """A file git neither tracks nor stages is a draft: left unread, only reported."""
    for path in sorted(view.present - view.tracked.keys()):
        yield warning(Pos(printable(path)), "untracked-file")


RULES: list[Callable[[GitView], Iterable[Problem]]] = [
    tracked_paths,
    tracked_cache,
    untracked_files,
]


def run_rules(view: GitView | None) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(view)] if view else []


def problems(root: Path, present: Iterable[str]) -> list[Problem]:
    """Every tracking problem of the records folder ``root`` (none outside a work tree)."""
    return run_rules(view_of(root, present))
