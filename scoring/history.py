"""History: each record's changes, read from git in one pass over the log.

The records' git history is the audit trail. ``read_history(root)`` runs a single
``git log`` over the records folder along the first-parent line of HEAD (the branch
as it was published: a merged pull request is one change, its merge commit; a squashed
one its squash commit), with rename detection, and files every change under the
record's current path, following renames back. Pull-request numbers are read from the
subjects GitHub writes: ``Merge pull request #12 from …`` and ``Title (#12)``.

Without a repository the history is simply not available; a shallow clone is
reported as such, because its history would silently be wrong.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_MERGE_PR = re.compile(r"^Merge pull request #(\d+)\b")
_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")
_RECORD_SEPARATOR = "\x1e"
_FIELD_SEPARATOR = "\x1f"
_FORMAT = _RECORD_SEPARATOR + _FIELD_SEPARATOR.join(["%H", "%P", "%an", "%ae", "%aI", "%s"])


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str  # ISO 8601 with offset, as git prints it
    subject: str

    @property
    def pull_request(self) -> int | None:
        match = _MERGE_PR.match(self.subject) or _SQUASH_PR.search(self.subject)
        return int(match[1]) if match else None

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Change:
    """One commit's change to one record: A added, M modified, D deleted, R renamed."""

    commit: Commit
    status: str
    path: str  # the path in that commit, relative to records/
    old_path: str | None = None


@dataclass
class History:
    available: bool
    shallow: bool = False
    reason: str = ""
    commits: list[Commit] = field(default_factory=list)  # newest first
    changes: dict[str, list[Change]] = field(default_factory=dict)  # current path -> newest first

    def of(self, path: str) -> list[Change]:
        return self.changes.get(path, [])

    def last_change(self, path: str) -> Change | None:
        changes = self.of(path)
        return changes[0] if changes else None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )


def _prefix(root: Path) -> str | None:
    """The records folder's path inside its repository ('' at the top), or None."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return None
    inside = _git(root, "rev-parse", "--show-prefix")
    return inside.stdout.strip()


def _parse(log: str, prefix: str) -> tuple[list[Commit], list[tuple[Commit, str, str, str | None]]]:
    commits: list[Commit] = []
    entries: list[tuple[Commit, str, str, str | None]] = []
    for block in log.split(_RECORD_SEPARATOR)[1:]:
        header, _, body = block.partition("\n")
        parts = header.split(_FIELD_SEPARATOR)
        if len(parts) < 6:
            continue
        sha, parents, author, email, date = parts[:5]
        subject = _FIELD_SEPARATOR.join(parts[5:])
        commit = Commit(sha, tuple(parents.split()), author, email, date, subject)
        commits.append(commit)
        for line in body.splitlines():
            columns = line.split("\t")
            if len(columns) < 2 or not columns[0]:
                continue
            status = columns[0][0]
            paths = [p[len(prefix) :] if p.startswith(prefix) else None for p in columns[1:]]
            if status in ("R", "C") and len(paths) == 2:
                old, new = paths
                if new is None:
                    continue
                entries.append((commit, status, new, old))
            elif paths[0] is not None:
                entries.append((commit, status, paths[0], None))
    return commits, entries


def read_history(root: Path) -> History:
    """Every record's changes along HEAD's first-parent line, newest first."""
    if not root.is_dir():
        return History(False, reason="no-records")
    prefix = _prefix(root)
    if prefix is None:
        return History(False, reason="no-repository")
    if _git(root, "rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        return History(False, reason="no-commits")
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    log = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--name-status",
        "-M",
        f"--format={_FORMAT}",
        "--",
        ".",
    )
    if log.returncode != 0:
        return History(False, shallow=shallow, reason="git-failed")
    commits, entries = _parse(log.stdout, prefix)
    # Walk newest to oldest; a rename sends the older history of `old` to today's name.
    current_name: dict[str, str] = {}
    changes: dict[str, list[Change]] = defaultdict(list)
    for commit, status, path, old in entries:
        name = current_name.get(path, path)
        changes[name].append(Change(commit, status, path, old))
        if status == "R" and old is not None:
            current_name[old] = name
    return History(True, shallow=shallow, commits=commits, changes=dict(changes))
