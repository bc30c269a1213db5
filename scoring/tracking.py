"""What git tracks under records/ (DESIGN.md §4): regular record files, nothing else.

Records are regular files that git tracks. Among the paths git's index holds under the
records folder, a symbolic link, a submodule, a dot-file or dot-folder (an empty
``.gitkeep`` aside) and a ``.gitattributes`` are errors: each could make a record read
one way from a checkout and another way from the object database, or reach outside the
records. A tracked path under ``.cache/`` of the repository is an error: caches are
never committed. A file under records/ that git neither tracks nor stages is a warning
(``untracked-file``): the engine leaves it unread, since it lies in no commit, and a
draft must not block an unrelated commit.

``view_of(root)`` reads git's index for a records folder in a work tree (None outside
one, or without git); ``RULES`` judge it. ``validate`` and ``check-lock`` both run them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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


def view_of(root: Path, present: Iterable[str]) -> GitView | None:
    """Git's view of ``root`` when it lies in a git work tree; None otherwise."""
    try:
        top, prefix = repository_of(root)
        entries = tracked_entries(top, (prefix or ".", CACHE))
    except RevisionError:
        return None
    tracked, cache = _split(entries, prefix)
    return GitView(tracked, cache, frozenset(present))


_REGULAR = ("100644", "100755")


def refusal(path: str, entry: Entry) -> str | None:
    """Why git may not track ``path`` under records/ (a problem code), or None."""
    if entry.mode in _REGULAR and "/." not in "/" + path:  # nearly every path: a plain file
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
